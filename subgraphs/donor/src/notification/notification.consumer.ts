import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveryMeta, EventPayloads, Subject } from '@qurbani/events';
import type { NotificationService } from './notification.service.js';

/** Durable consumer name of the notifier. */
export const NOTIFIER_DURABLE = 'donor-notifier';

/** Handles `notification.send`; the event id (stable across redeliveries and replays) is the dedupe key. */
export const notificationHandler =
  (notifications: NotificationService) =>
  (
    em: EntityManager,
    payload: EventPayloads[typeof Subject.NotificationSend],
    meta: DeliveryMeta<typeof Subject.NotificationSend>,
  ) =>
    notifications.record(em, payload, meta.messageId);
