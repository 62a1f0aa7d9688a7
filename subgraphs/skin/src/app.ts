import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { allocationConsumers } from './allocation/allocation.consumer.js';
import { BuyerService } from './buyer/buyer.service.js';
import type { SkinConfig } from './config.js';
import { entities } from './entities.js';
import { HideService } from './hide/hide.service.js';
import { LotService } from './lot/lot.service.js';
import { startMessaging } from '@qurbani/events';
import { migrations } from './migrations/index.js';
import { buildSkinSchema } from './schema.js';

export type { SkinConfig } from './config.js';
export { buildSkinSchema } from './schema.js';
export type { SkinServices } from './schema.js';
export { HideGrade, HideStatus } from './hide/hide.enums.js';
export { LotStatus } from './lot/lot.entity.js';

const DEFAULT_PRESERVE_WINDOW_MINUTES = 6 * 60;

/** Opens the database, applies migrations, consumes allocations, and serves the skin subgraph. */
export async function startSkinSubgraph(config: SkinConfig): Promise<RunningSubgraph> {
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const messaging = await startMessaging({
    orm,
    natsUrl: config.natsUrl,
    streamName: config.streamName,
    subjectPrefix: config.subjectPrefix,
    consumers: allocationConsumers,
    // Nothing here writes events yet.
    relay: false,
  }).catch(async (error) => { await orm.close(); throw error; });
  const now = config.now ?? (() => new Date());
  const windowMs = (config.preserveWindowMinutes ?? DEFAULT_PRESERVE_WINDOW_MINUTES) * 60_000;
  const services = { hides: new HideService(now, windowMs), lots: new LotService(now), buyers: new BuyerService(config.piiKey, now), now };
  return startSubgraph({
    name: 'skin',
    port: config.port,
    host: config.host,
    schema: await buildSkinSchema(services),
    orm,
    internalSecret: config.internalSecret,
    onClose: () => messaging.stop(),
  });
}
