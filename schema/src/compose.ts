// Writes schema/supergraph.graphql (read by the gateway) and schema/api.graphql (the client-facing
// schema the SDK is generated from). `--check` fails instead when the committed files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from './composition.js';

const dir = new URL('../../', import.meta.url);
const files = { supergraph: new URL('supergraph.graphql', dir), api: new URL('api.graphql', dir) };
const composed = await composeSupergraph();

if (process.argv.includes('--check')) {
  const stale = (Object.keys(files) as (keyof typeof files)[]).filter(
    (k) => readFileSync(files[k], 'utf8') !== composed[k],
  );
  if (stale.length) {
    console.error(`stale: ${stale.join(', ')}; run npm run compose and commit the result`);
    process.exit(1);
  }
} else {
  for (const k of Object.keys(files) as (keyof typeof files)[]) writeFileSync(files[k], composed[k]);
}
