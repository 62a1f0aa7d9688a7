import type { EntityManager } from '@mikro-orm/postgresql';
import { consumer, NOTIFICATION_AUDIENCE, Subject, type EventPayloads } from '@qurbani/events';
import { openContact } from '@qurbani/kit';
import { Send, SendState } from '../send/send.entity.js';
import { announce } from '../send/send.repository.js';
import { firstChannels } from './channels.rules.js';
import { quietUntil } from './quiet-hours.rules.js';

type Dispatch = EventPayloads[typeof Subject.NotificationDispatch];

/** Durable consumer name of the notifier. */
const DISPATCH_DURABLE = 'notifier-dispatch';

/**
 * Stores one send per channel (per device for push) of a dispatched notification, keyed by
 * (event, recipient, channel[, device]) before any provider is called: a redelivered or replayed
 * event finds its keys and adds nothing. A replay instead re-opens the sends that ended FAILED or DEAD.
 */
async function planSends(em: EntityManager, d: Dispatch, sealKey: string, now = new Date()): Promise<number> {
  const contact = openContact(sealKey, d.sealed);
  const family = NOTIFICATION_AUDIENCE[d.kind] === 'FAMILY' || d.recipient.kind === 'FAMILY';
  const base = `${d.eventId}:${d.recipient.kind}:${d.recipient.id}`;
  if (d.replay) return reopen(em, d, base);
  // A family's PIN is the one message quiet hours never hold back.
  const dueAt = (!family && quietUntil(now, d.quietHours)) || now;
  let added = 0;
  for (const channel of firstChannels(d.channels, contact, family)) {
    const devices = channel === 'PUSH' ? (contact.pushDevices ?? []) : [null];
    for (const device of devices) {
      const key = device ? `${base}:${channel}:${device.id}` : `${base}:${channel}`;
      const row = new Send();
      const inserted = await em
        .createQueryBuilder(Send)
        .insert({
          id: row.id,
          idempotencyKey: key,
          eventId: d.eventId,
          notificationId: d.notificationId ?? null,
          recipientKind: d.recipient.kind,
          recipientId: d.recipient.id,
          channel,
          kind: d.kind,
          language: d.language,
          params: { ...d.params },
          sealed: d.sealed,
          pushDeviceId: device?.id ?? null,
          state: SendState.PENDING,
          dueAt,
          attempts: 0,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict('idempotencyKey')
        .ignore()
        .execute('run');
      added += inserted.affectedRows;
    }
  }
  return added;
}

/** An organizer's replay: the same keys, so a send that already went out is never sent again. */
async function reopen(em: EntityManager, d: Dispatch, base: string): Promise<number> {
  const sends = await em.find(Send, {
    idempotencyKey: { $like: `${base}:%` },
    state: { $in: [SendState.FAILED, SendState.DEAD] },
  });
  for (const send of sends) {
    Object.assign(send, { state: SendState.PENDING, dueAt: new Date(), attempts: 0, sealed: d.sealed, detail: null });
    announce(em, send, `replay ${d.replay}`);
  }
  await em.flush();
  return sends.length;
}

export const dispatchConsumer = (sealKey: string, wake: () => void) =>
  consumer({
    durable: DISPATCH_DURABLE,
    subjects: [Subject.NotificationDispatch],
    handler: async (em, payload) => {
      const added = await planSends(em, payload, sealKey);
      // Workers look once this commits; a wake before the commit finds nothing and the poll catches up.
      if (added) setTimeout(wake, 20);
    },
  });
