// `npm run dev`: turbo rebuilds each workspace when its sources change, and every Node service runs
// under `node --watch`, so it restarts on its new compiled output. Ctrl+C stops both.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const children = [
  spawn(`${root}node_modules/.bin/turbo`, ['watch', 'build', '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
  spawn(process.execPath, [`${root}scripts/start.mjs`, '--watch'], { cwd: root, stdio: 'inherit', env }),
];
const stop = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode ||= code ?? 0;
  });
