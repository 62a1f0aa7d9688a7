// `npm test`: every test of every workspace, on the compiled output, against the real services.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const patterns = [
  'packages/*/dist/test/**/*.test.js',
  'subgraphs/*/dist/test/**/*.test.js',
  'schema/dist/test/**/*.test.js',
  'gateway/dist/test/**/*.test.js',
  'e2e/dist/test/**/*.test.js',
];
const extra = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-timeout=120000', ...extra, ...(extra.some((a) => !a.startsWith('-')) ? [] : patterns)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
