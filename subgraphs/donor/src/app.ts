import { rootLogger } from '@qurbani/telemetry';
import { csvExportRoutes, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import type { DonorConfig } from './config.js';
import { DonorService } from './donor/donor.service.js';
import { entities } from './entities.js';
import { donorConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { NotificationRouter } from './notification/notification.dispatch.js';
import { NotificationService } from './notification/notification.service.js';
import { PushDeviceService } from './notification/push-device.service.js';
import { OrderExpiryService } from './order/order-expiry.service.js';
import { OrderService } from './order/order.service.js';
import { ordersCsv } from './order/orders.export.js';
import { CardPaymentService } from './payment/card-payment.service.js';
import { PaymentService } from './payment/payment.service.js';
import { RefundService } from './payment/refund.service.js';
import { StripeProvider } from './payment/stripe.provider.js';
import { mountWebhookRoute } from './payment/webhook.route.js';
import { WebhookService } from './payment/webhook.service.js';
import { ReceiptLinks } from './receipt/receipt-links.js';
import { mountReceiptRoute } from './receipt/receipt.route.js';
import { ReceiptService } from './receipt/receipt.service.js';
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
    async wire({ orm, life }) {
      const now = config.now ?? (() => new Date());
      const donors = new DonorService(config.piiKey);
      const devices = new PushDeviceService(config.piiKey);
      const expiry = new OrderExpiryService(now);
      const sweepMs = (config.orderExpirySweepSeconds ?? 30) * 1000;
      const timer = setInterval(() => {
        expiry
          .sweep(orm.em)
          .catch((error: unknown) => rootLogger().error({ err: error }, 'donor: order expiry sweep failed'));
      }, sweepMs);
      timer.unref();
      life.defer('order-expiry', () => clearInterval(timer));
      const provider = config.stripe ? new StripeProvider(config.stripe) : null;
      const links = new ReceiptLinks(
        config.internalSecret,
        config.receiptLinkTtlSeconds ?? 3600,
        config.receiptUrlBase ?? 'http://localhost:4000',
        now,
      );
      const receipts = new ReceiptService(config.charity ?? { name: 'Qurbani charity' });
      const webhooks = new WebhookService(links);
      const services = {
        donors,
        devices,
        orders: new OrderService(donors, (config.orderHoldMinutes ?? 60) * 60_000, now),
        payments: new PaymentService(links),
        receiptLinks: links,
        cards: new CardPaymentService(provider, links),
        refunds: new RefundService(provider),
        notifications: new NotificationService(new NotificationRouter(donors, devices, config.notifySealKey)),
      };
      return {
        schema: await buildDonorSchema(services),
        consumers: donorConsumers(services.notifications),
        routes: (app) => {
          mountReceiptRoute(app, { orm, internalSecret: config.internalSecret, links, receipts });
          if (provider) mountWebhookRoute(app, { orm, internalSecret: config.internalSecret, provider, webhooks });
          csvExportRoutes(orm, config.internalSecret, [ordersCsv])(app);
        },
      };
    },
  });
}
