// Bundles the organizer dashboard page (web/dashboard) for the browser at build time: the SDK,
// graphql-ws and chart.js in one file served by the gateway itself (no CDN; works offline).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const out = new URL('../dist/web/dashboard/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL('../web/dashboard/main.ts', import.meta.url).pathname],
  outfile: `${out}dashboard.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'dashboard.css'])
  copyFileSync(new URL(`../web/dashboard/${file}`, import.meta.url), `${out}${file}`);
