import { auditResolver, deadLetterResolver, sdlOnly, subgraphSchema } from '@qurbani/kit';
import { DonorDashboardRepository } from './dashboard/dashboard.repository.js';
import { SeasonDashboardStub, seasonDashboardReference } from './dashboard/season-dashboard.stub.js';
import { SeasonDashboardOrdersResolver } from './dashboard/season-dashboard-orders.resolver.js';
import { AccountStub } from './foreign-entities.js';
import { AccountDonorProfileResolver } from './donor/account-donor-profile.resolver.js';
import { donorReference } from './donor/donor.reference.js';
import { DonorResolver } from './donor/donor.resolver.js';
import type { DonorService } from './donor/donor.service.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import type { NotificationService } from './notification/notification.service.js';
import { PushDeviceResolver } from './notification/push-device.resolver.js';
import type { PushDeviceService } from './notification/push-device.service.js';
import { orderReference } from './order/order.reference.js';
import { OrderResolver } from './order/order.resolver.js';
import type { OrderService } from './order/order.service.js';
import { CardPaymentResolver } from './payment/card-payment.resolver.js';
import type { CardPaymentService } from './payment/card-payment.service.js';
import { OrderPaymentsResolver } from './payment/payment.resolver.js';
import type { PaymentService } from './payment/payment.service.js';
import { PaymentRefundResolver } from './payment/refund.resolver.js';
import type { RefundService } from './payment/refund.service.js';
import type { ReceiptLinks } from './receipt/receipt-links.js';
import { PaymentReceiptResolver } from './receipt/receipt.resolver.js';

export interface DonorServices {
  donors: DonorService;
  orders: OrderService;
  payments: PaymentService;
  cards: CardPaymentService;
  refunds: RefundService;
  notifications: NotificationService;
  devices: PushDeviceService;
  receiptLinks: ReceiptLinks;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildDonorSchema(services?: DonorServices) {
  const s = sdlOnly(services);
  return subgraphSchema({
    resolvers: [
      deadLetterResolver('donor'),
      auditResolver('donor'),
      new DonorResolver(s.donors),
      new AccountDonorProfileResolver(),
      new OrderResolver(s.orders),
      new OrderPaymentsResolver(s.payments),
      new CardPaymentResolver(s.cards),
      new PaymentRefundResolver(s.refunds),
      new PaymentReceiptResolver(s.receiptLinks),
      new NotificationResolver(s.notifications),
      new PushDeviceResolver(s.devices),
      new SeasonDashboardOrdersResolver(new DonorDashboardRepository()),
    ],
    references: [AccountStub.reference, donorReference, orderReference, seasonDashboardReference],
    orphanedTypes: [SeasonDashboardStub],
  });
}
