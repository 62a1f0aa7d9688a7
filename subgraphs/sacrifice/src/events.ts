import { consumer, Subject, type ConsumerFactory } from '@qurbani/events';
import { onProcessedFinal, onVideoReviewed } from './sacrifice/proof.handler.js';
import { onOrderCancelRequested, onOrderPlaced } from './share/order-events.handler.js';
import { onOrderExpired, onOrderPaid } from './share/payment-events.handler.js';
import { onOrderRefunded } from './share/refund.handler.js';
import { onAccountRolesSet } from './staff/staff-account.handler.js';

/**
 * Orders and proof-video outcomes. One durable per subject, so even nats-server 2.9 (a single
 * filter subject per consumer) delivers only what we handle.
 */
export const sacrificeConsumers = (now: () => Date): ConsumerFactory[] => [
  consumer({
    durable: 'sacrifice-order-placed',
    subjects: [Subject.OrderPlaced],
    handler: (em, payload) => onOrderPlaced(em, payload),
  }),
  consumer({
    durable: 'sacrifice-order-cancel-requested',
    subjects: [Subject.OrderCancelRequested],
    handler: (em, payload) => onOrderCancelRequested(em, payload, now),
  }),
  consumer({
    durable: 'sacrifice-order-paid',
    subjects: [Subject.OrderPaid],
    handler: (em, payload) => onOrderPaid(em, payload),
  }),
  consumer({
    durable: 'sacrifice-order-expired',
    subjects: [Subject.OrderExpired],
    handler: (em, payload) => onOrderExpired(em, payload, now),
  }),
  consumer({
    durable: 'sacrifice-order-refunded',
    subjects: [Subject.OrderRefunded],
    handler: (em, payload) => onOrderRefunded(em, payload, now),
  }),
  consumer({
    durable: 'sacrifice-account-roles',
    subjects: [Subject.AccountRolesSet],
    handler: (em, payload) => onAccountRolesSet(em, payload),
  }),
  // Outcomes of one sacrifice serialize on its row lock; different sacrifices run in parallel.
  consumer({
    durable: 'sacrifice-video-verdict',
    subjects: [Subject.VideoProcessedFinal],
    concurrency: 2,
    handler: (em, payload) => onProcessedFinal(em, payload, now),
  }),
  consumer({
    durable: 'sacrifice-video-reviewed',
    subjects: [Subject.VideoReviewed],
    concurrency: 2,
    handler: (em, payload) => onVideoReviewed(em, payload, now),
  }),
];
