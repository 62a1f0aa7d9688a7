import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { AnimalService } from './animal/animal.service.js';
import type { SacrificeConfig } from './config.js';
import { entities } from './entities.js';
import { startSacrificeEvents } from './events/sacrifice-events.js';
import { migrations } from './migrations/index.js';
import { AllocationService } from './sacrifice/allocation.service.js';
import { AssignmentService } from './sacrifice/assignment.service.js';
import { PerformanceService } from './sacrifice/performance.service.js';
import { SacrificeRepository } from './sacrifice/sacrifice.repository.js';
import { buildSacrificeSchema } from './schema.js';
import { SeasonService } from './season/season.service.js';
import { SiteService } from './site/site.service.js';

export type { SacrificeConfig } from './config.js';
export { buildSacrificeSchema } from './schema.js';

/** Opens the database, applies migrations, starts the outbox relay and order consumers, and serves the sacrifice subgraph. */
export async function startSacrificeSubgraph(config: SacrificeConfig): Promise<RunningSubgraph> {
  const now = config.now ?? (() => new Date());
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  let events: Awaited<ReturnType<typeof startSacrificeEvents>>;
  try {
    events = await startSacrificeEvents({ orm, natsUrl: config.natsUrl, streamName: config.streamName, subjectPrefix: config.subjectPrefix, now });
  } catch (error) {
    await orm.close();
    throw error;
  }
  const schema = await buildSacrificeSchema({
    seasons: new SeasonService(),
    sites: new SiteService(),
    animals: new AnimalService(),
    sacrifices: new SacrificeRepository(),
    allocation: new AllocationService(now),
    assignment: new AssignmentService(now),
    performance: new PerformanceService(now),
  });
  return startSubgraph({
    name: 'sacrifice',
    port: config.port,
    host: config.host,
    schema,
    orm,
    internalSecret: config.internalSecret,
    onClose: () => events.stop(),
  });
}
