import { consumer, Subject, type ConsumerFactory } from '@qurbani/events';
import { applyDeliveryUpdate } from './notification/delivery-status.handler.js';
import { NOTIFIER_DURABLE, notificationHandler } from './notification/notification.consumer.js';
import type { NotificationService } from './notification/notification.service.js';
import { applyCancelDecision } from './order/order-cancellation.handler.js';
import { applyOrderDelivered } from './order/order-delivered.handler.js';
import { applySacrificeStatus } from './order/order-status.handler.js';
import { onPriceSet } from './price/price-set.handler.js';
import { onSiteArchiveSet } from './price/site-archive.handler.js';

/** Durable consumer name of this subgraph for sacrifice status changes. */
export const ORDER_STATUS_DURABLE = 'donor-order-status';
/** Durable consumer name of this subgraph for the sacrifice subgraph's cancellation decisions. */
export const CANCEL_DECISION_DURABLE = 'donor-order-cancel-decided';
/** Durable consumer name of this subgraph for the notifier's delivery news (the send log). */
const DELIVERY_STATUS_DURABLE = 'donor-notification-status';
/** Durable consumer name of this subgraph for orders whose every pack was delivered. */
const ORDER_DELIVERED_DURABLE = 'donor-order-delivered';
/** Durable consumer name of this subgraph for the sacrifice subgraph's price list. */
const PRICE_DURABLE = 'donor-price-set';
/** Durable consumer name of this subgraph for sites archived and restored. */
const SITE_ARCHIVE_DURABLE = 'donor-site-archive-set';

/** Follows sacrifice status and cancellation decisions, and keeps the notification feed. */
export const donorConsumers = (notifications: NotificationService): ConsumerFactory[] => [
  consumer({
    durable: ORDER_STATUS_DURABLE,
    subjects: [Subject.SacrificeStatusChanged],
    handler: (em, payload) => applySacrificeStatus(em, payload),
  }),
  consumer({
    durable: CANCEL_DECISION_DURABLE,
    subjects: [Subject.OrderCancelDecided],
    handler: (em, payload) => applyCancelDecision(em, payload),
  }),
  consumer({
    durable: ORDER_DELIVERED_DURABLE,
    subjects: [Subject.OrderDelivered],
    handler: (em, payload) => applyOrderDelivered(em, payload),
  }),
  consumer({
    durable: PRICE_DURABLE,
    subjects: [Subject.PriceSet],
    handler: (em, payload) => onPriceSet(em, payload),
  }),
  consumer({
    durable: SITE_ARCHIVE_DURABLE,
    subjects: [Subject.SiteArchiveSet],
    handler: (em, payload) => onSiteArchiveSet(em, payload),
  }),
  consumer({
    durable: NOTIFIER_DURABLE,
    subjects: [Subject.NotificationSend],
    handler: notificationHandler(notifications),
  }),
  consumer({
    durable: DELIVERY_STATUS_DURABLE,
    subjects: [Subject.NotificationDeliveryUpdated],
    handler: (em, payload) => applyDeliveryUpdate(em, payload),
  }),
];
