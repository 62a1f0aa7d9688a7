import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import type { DeliveryConfig } from './config.js';
import { DeliveryProofService } from './delivery/delivery-proof.service.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { entities } from './entities.js';
import { startMessaging } from './messaging.js';
import { migrations } from './migrations/index.js';
import { MeatPackService } from './pack/meat-pack.service.js';
import { RecipientService } from './recipient/recipient.service.js';
import { RouteService } from './route/route.service.js';
import { buildDeliverySchema } from './schema.js';

export type { DeliveryConfig } from './config.js';
export { buildDeliverySchema } from './schema.js';

/** Opens the database, applies migrations, starts the event consumer and relay, and serves the delivery subgraph. */
export async function startDeliverySubgraph(config: DeliveryConfig): Promise<RunningSubgraph> {
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const now = config.now ?? (() => new Date());
  const recipients = new RecipientService(config.piiKey);
  const services = {
    recipients,
    packs: new MeatPackService(),
    deliveries: new DeliveryService(config.piiKey, now),
    proof: new DeliveryProofService(config.piiKey, now),
    routes: new RouteService(recipients.privacy),
  };
  const schema = await buildDeliverySchema(services);
  const stopMessaging = await startMessaging(orm, config).catch(async (error) => {
    await orm.close();
    throw error;
  });
  return startSubgraph({ name: 'delivery', port: config.port, schema, orm, internalSecret: config.internalSecret, onClose: stopMessaging });
}
