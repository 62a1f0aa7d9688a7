// `npm run migrate`: creates each service's database when missing and applies its committed
// migrations, one service after another. Production services do not migrate at start (README,
// "Deploying"); run this first on every release (compose's `migrate` service, the Kubernetes Job).
// Each service is described by its own compiled config, entities and migrations; name some
// (`npm run migrate -- subgraphs/donor`) to migrate only those.
import { migrateDatabase } from '@qurbani/kit';

const all = [
  'subgraphs/identity',
  'subgraphs/donor',
  'subgraphs/sacrifice',
  'subgraphs/video',
  'subgraphs/delivery',
  'subgraphs/skin',
  'services/orchestrator',
  'services/notifier',
];
const named = process.argv.slice(2);
const unknown = named.filter((s) => !all.includes(s));
if (unknown.length) {
  console.error(`migrate: no such service: ${unknown.join(', ')} (one of ${all.join(', ')})`);
  process.exit(2);
}
const services = named.length ? named : all;
for (const service of services) {
  const load = (file) => import(new URL(`../${service}/dist/src/${file}`, import.meta.url).href);
  try {
    const [{ config }, { entities }, { migrations }] = await Promise.all([
      load('env.js'),
      load('entities.js'),
      load('migrations/index.js'),
    ]);
    const applied = await migrateDatabase({ ...config, entities, migrations });
    console.log(`${config.dbName}: ${applied} migration(s) applied`);
  } catch (error) {
    console.error(`migrate: ${service} failed (${error.message}); later services were not migrated.`);
    process.exit(1);
  }
}
