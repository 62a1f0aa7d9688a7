// Bundles the gateway's pages (web/dashboard, web/proof) for the browser at build time: the SDK,
// graphql-ws and chart.js in one file per page, served by the gateway itself (no CDN; works offline).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

// The organizer dashboard and the donors' proof page (a certificate's QR code opens it).
for (const [page, files] of [
  ['dashboard', ['index.html', 'dashboard.css']],
  ['proof', ['index.html', 'proof.css']],
]) {
  const out = new URL(`../dist/web/${page}/`, import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [new URL(`../web/${page}/main.ts`, import.meta.url).pathname],
    outfile: `${out}${page}.js`,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of files) copyFileSync(new URL(`../web/${page}/${file}`, import.meta.url), `${out}${file}`);
}
