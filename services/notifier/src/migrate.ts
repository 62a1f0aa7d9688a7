// `npm run migrate` runs this (scripts/migrate.mjs): the deploy step that production services expect done.
import { migrateDatabase } from '@qurbani/kit';
import { entities } from './entities.js';
import { config } from './env.js';
import { migrations } from './migrations/index.js';

const applied = await migrateDatabase({ ...config, entities, migrations });
console.log(`${config.dbName}: ${applied} migration(s) applied`);
