// `npm run migrate`: creates each service's database when missing and applies its committed
// migrations, one service after another. Production services do not migrate at start (README,
// "Deploying"); run this first on every release (compose's `migrate` service, the Kubernetes Job).
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const services = [
  'subgraphs/identity',
  'subgraphs/donor',
  'subgraphs/sacrifice',
  'subgraphs/video',
  'subgraphs/delivery',
  'subgraphs/skin',
  'services/orchestrator',
  'services/notifier',
];
for (const service of services) {
  const run = spawnSync(process.execPath, [`${service}/dist/src/migrate.js`], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`migrate: ${service} failed; later services were not migrated.`);
    process.exit(1);
  }
}
