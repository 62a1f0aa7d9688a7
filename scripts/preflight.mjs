// Runs before `npm start` and `npm test` with whatever Node the machine has: installs npm and Debian
// dependencies when missing and says in one line what is missing that it cannot fix itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { ensureDebianPackages } from './debian-packages.mjs';

const root = new URL('..', import.meta.url).pathname;
// `start` needs the model service's packages; `test` the browser too.
const purpose = process.argv[2] === 'test' ? 'test' : 'start';
const lists = ['services/model/debian-packages.txt', ...(purpose === 'test' ? ['e2e/debian-packages.txt'] : [])];
if (!ensureDebianPackages(lists)) process.exit(1);

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
// A checkout installed before the pinned Node changed still has the old one under node_modules.
const pinnedNode = readJson(`${root}package.json`).devDependencies.node;
const nodePackage = `${root}node_modules/node/package.json`;
const installedNode = existsSync(nodePackage) ? readJson(nodePackage).version : undefined;
if (!existsSync(`${root}node_modules/.bin/turbo`) || installedNode !== pinnedNode) {
  console.log('preflight: installing dependencies (npm install)...');
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('preflight: npm install failed; the npm registry must be reachable.');
    process.exit(1);
  }
}

const services = [
  [
    'PostgreSQL',
    process.env.PGHOST ?? '127.0.0.1',
    5432,
    'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  ],
  ['Redis', '127.0.0.1', 6379, 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""'],
  ['NATS with JetStream', '127.0.0.1', 4222, 'nats-server -js -a 127.0.0.1 -p 4222 &'],
];
const reachable = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
const missing = [];
for (const [name, host, port, hint] of services) {
  if (!(await reachable(host, port))) missing.push(`${name} is not reachable on ${host}:${port} (start it: ${hint})`);
}
if (missing.length) {
  for (const line of missing) console.error(`preflight: ${line}`);
  process.exit(1);
}
