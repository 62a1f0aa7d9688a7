import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import type { DonorConfig } from './config.js';
import { DonorService } from './donor/donor.service.js';
import { entities } from './entities.js';
import { startEvents } from './events.js';
import { migrations } from './migrations/index.js';
import { NotificationService } from './notification/notification.service.js';
import { OrderService } from './order/order.service.js';
import { PaymentService } from './payment/payment.service.js';
import { buildDonorSchema } from './schema.js';

export type { DonorConfig } from './config.js';
export { buildDonorSchema } from './schema.js';

/** Opens the database, applies migrations, starts the outbox relay and consumer, and serves the donor subgraph. */
export async function startDonorSubgraph(config: DonorConfig): Promise<RunningSubgraph> {
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const donors = new DonorService(config.piiKey);
  const services = { donors, orders: new OrderService(donors), payments: new PaymentService(), notifications: new NotificationService() };
  const stopEvents = await startEvents(orm, config, services.notifications).catch(async (error) => {
    await orm.close();
    throw error;
  });
  return startSubgraph({
    name: 'donor',
    port: config.port,
    host: config.host,
    schema: await buildDonorSchema(services),
    orm,
    internalSecret: config.internalSecret,
    onClose: stopEvents,
  });
}
