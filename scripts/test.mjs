// `npm test`: every test of every workspace, on the compiled output, against the real services,
// then the Python model service's tests (with Debian's /usr/bin/python3, which has its packages), then the lint.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const patterns = [
  'packages/*/dist/test/**/*.test.js',
  'subgraphs/*/dist/test/**/*.test.js',
  'services/*/dist/test/**/*.test.js',
  // Unit tests sit beside the code they test (e.g. a domain rule's x.rules.test.ts).
  'packages/*/dist/src/**/*.test.js',
  'subgraphs/*/dist/src/**/*.test.js',
  'services/*/dist/src/**/*.test.js',
  'schema/dist/test/**/*.test.js',
  'gateway/dist/test/**/*.test.js',
  'e2e/dist/test/**/*.test.js',
];
const extra = process.argv.slice(2);
const onlySome = extra.some((a) => !a.startsWith('-'));
process.env.LOG_LEVEL ??= 'warn';
// Every lean read served from a cached query is also built the slow way and compared (packages/kit/src/lean-sql.ts).
process.env.LEAN_SQL_CHECK ??= '1';
const node = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=300000',
    ...extra,
    ...(onlySome ? [] : patterns),
  ],
  { cwd: root, stdio: 'inherit' },
);
// Given test files, run just those; otherwise the model service's suite too.
if (onlySome) process.exit(node.status ?? 1);
console.log(
  '\n# model service (Python): /usr/bin/python3 -m unittest discover -s services/model/tests -t services/model',
);
const python = spawnSync(
  '/usr/bin/python3',
  ['-m', 'unittest', 'discover', '-s', 'services/model/tests', '-t', 'services/model'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (python.error) console.error(`model service tests could not run: ${python.error.message}`);
// Lint of every language (scripts/lint.mjs): ESLint, Prettier, knip, flake8.
const lint = spawnSync(process.execPath, [`${root}scripts/lint.mjs`], { cwd: root, stdio: 'inherit' });
process.exit(node.status === 0 && python.status === 0 && lint.status === 0 ? 0 : 1);
