// `npm run lint` (and the last step of `npm test`): ESLint (typescript-eslint and the import boundaries,
// eslint.config.js), Prettier's format check, knip (unused files, dependencies and exports, knip.json)
// and flake8 on the Python model service (Debian's python3-flake8, services/model/.flake8).
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => `${root}node_modules/.bin/${name}`;
const steps = [
  ['eslint', bin('eslint'), ['--max-warnings=0', '.'], root],
  ['format (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.'], root],
  ['unused code and dependencies (knip)', bin('knip'), ['--no-progress'], root],
  ['model service (flake8)', '/usr/bin/python3', ['-m', 'flake8'], `${root}services/model`],
];

let failed = 0;
for (const [name, command, args, cwd] of steps) {
  console.log(`\n# lint: ${name}`);
  const run = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (run.error) console.error(`lint: ${name} could not run: ${run.error.message}`);
  if (run.status === 0) console.log(`lint: ${name}: clean`);
  else failed++;
}
process.exit(failed ? 1 : 0);
