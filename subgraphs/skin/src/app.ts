import { csvExportRoutes, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { allocationConsumers } from './allocation/allocation.consumer.js';
import { BuyerService } from './buyer/buyer.service.js';
import type { SkinConfig } from './config.js';
import { entities } from './entities.js';
import { startHideSweepJob } from './hide/hide-sweep.job.js';
import { HideSweepService } from './hide/hide-sweep.service.js';
import { HideService } from './hide/hide.service.js';
import { LotService } from './lot/lot.service.js';
import { migrations } from './migrations/index.js';
import { hideSalesCsv } from './sale/hide-sales.export.js';
import { buildSkinSchema } from './schema.js';

export type { SkinConfig } from './config.js';
export { buildSkinSchema } from './schema.js';
export type { SkinServices } from './schema.js';
export { HideGrade, HideStatus } from './hide/hide.enums.js';
export { LotStatus } from './lot/lot.entity.js';

const DEFAULT_PRESERVE_WINDOW_MINUTES = 6 * 60;

/** The skin subgraph: hides, their preservation deadline, lots and sales; consumes allocations. */
export function startSkinSubgraph(config: SkinConfig): Promise<RunningSubgraph> {
  const now = config.now ?? (() => new Date());
  const windowMs = (config.preserveWindowMinutes ?? DEFAULT_PRESERVE_WINDOW_MINUTES) * 60_000;
  return startSubgraph(config, {
    name: 'skin',
    entities,
    migrations,
    // The hide sweep's notifications and the audit trail go through the outbox.
    messaging: config,
    async wire({ orm, life }) {
      const sweep = new HideSweepService(now);
      const job = startHideSweepJob(orm, sweep, config.hideSweepIntervalMs ?? 60_000);
      life.defer('hide sweep', () => job.stop());
      const services = {
        sweep,
        hides: new HideService(now, windowMs),
        lots: new LotService(now),
        buyers: new BuyerService(config.piiKey, now),
        now,
      };
      return {
        schema: await buildSkinSchema(services),
        consumers: allocationConsumers,
        routes: csvExportRoutes(orm, config.internalSecret, [hideSalesCsv]),
      };
    },
  });
}
