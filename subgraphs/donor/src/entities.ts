import { AuditRecord } from '@qurbani/kit';
import { eventEntities } from '@qurbani/events';
import { Donor } from './donor/donor.entity.js';
import { NotificationDelivery } from './notification/notification-delivery.entity.js';
import { Notification } from './notification/notification.entity.js';
import { PushDevice } from './notification/push-device.entity.js';
import { Order } from './order/order.entity.js';
import { PaymentRefund } from './payment/payment-refund.entity.js';
import { Payment } from './payment/payment.entity.js';
import { ProviderEvent } from './payment/provider-event.entity.js';
import { SiteArchive } from './price/site-archive.entity.js';
import { SitePrice } from './price/site-price.entity.js';

export const entities = [
  AuditRecord,
  Donor,
  Order,
  Payment,
  PaymentRefund,
  ProviderEvent,
  SitePrice,
  SiteArchive,
  Notification,
  NotificationDelivery,
  PushDevice,
  ...eventEntities,
];
