import { startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import type { DonorConfig } from './config.js';
import { DonorService } from './donor/donor.service.js';
import { entities } from './entities.js';
import { donorConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { NotificationRouter } from './notification/notification.dispatch.js';
import { NotificationService } from './notification/notification.service.js';
import { PushDeviceService } from './notification/push-device.service.js';
import { OrderService } from './order/order.service.js';
import { PaymentService } from './payment/payment.service.js';
import { buildDonorSchema } from './schema.js';

export type { DonorConfig } from './config.js';
export { buildDonorSchema } from './schema.js';

/** The donor subgraph: orders, payments and the notification feed; relays its outbox. */
export function startDonorSubgraph(config: DonorConfig): Promise<RunningSubgraph> {
  return startSubgraph(config, {
    name: 'donor',
    entities,
    migrations,
    messaging: config,
    async wire() {
      const donors = new DonorService(config.piiKey);
      const devices = new PushDeviceService(config.piiKey);
      const services = {
        donors,
        devices,
        orders: new OrderService(donors),
        payments: new PaymentService(),
        notifications: new NotificationService(new NotificationRouter(donors, devices, config.notifySealKey)),
      };
      return { schema: await buildDonorSchema(services), consumers: donorConsumers(services.notifications) };
    },
  });
}
