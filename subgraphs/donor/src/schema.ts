import { buildFederatedSchema } from '@qurbani/kit';
import { accountReference } from './donor/account.stub.js';
import { AccountDonorProfileResolver } from './donor/account-donor-profile.resolver.js';
import { donorReference } from './donor/donor.reference.js';
import { DonorResolver } from './donor/donor.resolver.js';
import type { DonorService } from './donor/donor.service.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import type { NotificationService } from './notification/notification.service.js';
import { orderReference } from './order/order.reference.js';
import { OrderResolver } from './order/order.resolver.js';
import type { OrderService } from './order/order.service.js';
import { OrderPaymentsResolver } from './payment/payment.resolver.js';
import type { PaymentService } from './payment/payment.service.js';

export interface DonorServices {
  donors: DonorService;
  orders: OrderService;
  payments: PaymentService;
  notifications: NotificationService;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildDonorSchema(services?: DonorServices) {
  const resolvers = new Map<Function, unknown>([
    [DonorResolver, new DonorResolver(services?.donors as DonorService)],
    [AccountDonorProfileResolver, new AccountDonorProfileResolver()],
    [OrderResolver, new OrderResolver(services?.orders as OrderService)],
    [OrderPaymentsResolver, new OrderPaymentsResolver(services?.payments as PaymentService)],
    [NotificationResolver, new NotificationResolver(services?.notifications as NotificationService)],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [DonorResolver, AccountDonorProfileResolver, OrderResolver, OrderPaymentsResolver, NotificationResolver],
      container: { get: (cls) => resolvers.get(cls) },
    },
    { ...accountReference, ...donorReference, ...orderReference },
  );
}
