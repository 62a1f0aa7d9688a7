import { raw, type FilterQuery } from '@mikro-orm/core';
import { isAccount, isOrganizer, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import type { NotificationDelivery } from './notification-delivery.entity.js';
import type { Notification } from './notification.entity.js';

/** Who sees or marks read a notification (and its send log): the account it was sent to, organizers included. */
export function notificationFilter(viewer: Viewer | null): FilterQuery<Notification> {
  return isAccount(viewer) ? { recipientAccountId: viewer.id } : NO_ROWS;
}

/**
 * Notifications some channel failed on for good (FAILED or DEAD): organizers only, who may replay
 * them; the dead letters of message sending.
 */
export function undeliveredFilter(viewer: Viewer | null): FilterQuery<Notification> {
  if (!isOrganizer(viewer)) return NO_ROWS;
  return {
    [raw(
      (a) =>
        `exists (select 1 from notification_delivery d where d.notification_id = ${a}.id and d.status in ('FAILED', 'DEAD'))`,
    )]: [],
  };
}

/** The send log of a notification: the same account, and organizers (who see it through `undeliveredNotifications`). */
export function notificationDeliveryFilter(viewer: Viewer | null): FilterQuery<NotificationDelivery> {
  if (isOrganizer(viewer)) return {};
  if (!isAccount(viewer)) return NO_ROWS;
  return {
    [raw(
      (a) =>
        `exists (select 1 from notification pn where pn.id = ${a}.notification_id and pn.recipient_account_id = ?)`,
      [viewer.id],
    )]: [],
  };
}
