import type { MikroORM } from '@mikro-orm/postgresql';
import { connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS, Subject } from '@qurbani/events';
import type { DonorConfig } from './config.js';
import { NOTIFIER_DURABLE, notificationHandler } from './notification/notification.consumer.js';
import type { NotificationService } from './notification/notification.service.js';
import { applyCancelDecision } from './order/order-cancellation.handler.js';
import { applySacrificeStatus } from './order/order-status.handler.js';

/** Durable consumer name of this subgraph for sacrifice status changes. */
export const ORDER_STATUS_DURABLE = 'donor-order-status';
/** Durable consumer name of this subgraph for the sacrifice subgraph's cancellation decisions. */
export const CANCEL_DECISION_DURABLE = 'donor-order-cancel-decided';

/** Publishes this subgraph's outbox, follows sacrifice status and cancellation decisions, and keeps the notification feed; returns the function that stops them. */
export async function startEvents(orm: MikroORM, config: DonorConfig, notifications: NotificationService): Promise<() => Promise<void>> {
  const nats = await connectNats(config.natsUrl);
  const prefix = config.subjectPrefix;
  try {
    await ensureStream(nats.jsm, { name: config.streamName, subjects: STREAM_SUBJECTS.map((s) => (prefix ? `${prefix}.${s}` : s)) });
    const relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix: prefix });
    const consumer = await startConsumer({
      orm,
      js: nats.js,
      jsm: nats.jsm,
      stream: config.streamName,
      durable: ORDER_STATUS_DURABLE,
      subjects: [Subject.SacrificeStatusChanged],
      subjectPrefix: prefix,
      handler: (em, payload) => applySacrificeStatus(em, payload),
    });
    const decisions = await startConsumer({
      orm,
      js: nats.js,
      jsm: nats.jsm,
      stream: config.streamName,
      durable: CANCEL_DECISION_DURABLE,
      subjects: [Subject.OrderCancelDecided],
      subjectPrefix: prefix,
      handler: (em, payload) => applyCancelDecision(em, payload),
    });
    const notifier = await startConsumer({
      orm,
      js: nats.js,
      jsm: nats.jsm,
      stream: config.streamName,
      durable: NOTIFIER_DURABLE,
      subjects: [Subject.NotificationSend],
      subjectPrefix: prefix,
      handler: notificationHandler(notifications),
    });
    return async () => {
      await Promise.all([consumer.stop(), decisions.stop(), notifier.stop()]);
      await relay.stop();
      await nats.close();
    };
  } catch (error) {
    await nats.close();
    throw error;
  }
}
