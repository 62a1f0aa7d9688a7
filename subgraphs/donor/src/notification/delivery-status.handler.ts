import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { PushDevice } from './push-device.entity.js';

/**
 * Writes the notifier's news into the send log: one row per notification and channel, moved only
 * by news at least as recent as what it shows (events may arrive out of order). A device the
 * provider no longer knows (UNREGISTERED with its id) is deleted.
 */
export async function applyDeliveryUpdate(
  em: EntityManager,
  u: EventPayload<typeof Subject.NotificationDeliveryUpdated>,
): Promise<void> {
  if (u.recipient.kind !== 'ACCOUNT' || !u.notificationId) return;
  if (u.status === 'UNREGISTERED' && u.pushDeviceId)
    await em.nativeDelete(PushDevice, { id: u.pushDeviceId, accountId: u.recipient.id });
  await em.execute(
    `insert into notification_delivery (id, notification_id, channel, status, detail, updated_at)
     select gen_random_uuid(), n.id, ?, ?, ?, ? from notification n where n.id = ? and n.recipient_account_id = ?
     on conflict (notification_id, channel) do update
       set status = excluded.status, detail = excluded.detail, updated_at = excluded.updated_at
       where notification_delivery.updated_at <= excluded.updated_at`,
    [u.channel, u.status, u.detail ?? null, new Date(u.at), u.notificationId, u.recipient.id],
  );
}
