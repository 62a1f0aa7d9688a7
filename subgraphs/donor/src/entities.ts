import { AuditRecord } from '@qurbani/kit';
import { eventEntities } from '@qurbani/events';
import { Donor } from './donor/donor.entity.js';
import { NotificationDelivery } from './notification/notification-delivery.entity.js';
import { Notification } from './notification/notification.entity.js';
import { PushDevice } from './notification/push-device.entity.js';
import { Order } from './order/order.entity.js';
import { Payment } from './payment/payment.entity.js';

export const entities = [
  AuditRecord,
  Donor,
  Order,
  Payment,
  Notification,
  NotificationDelivery,
  PushDevice,
  ...eventEntities,
];
