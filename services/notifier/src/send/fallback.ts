import type { EntityManager } from '@mikro-orm/postgresql';
import type { DispatchContact } from '@qurbani/events';
import { fallbackAfter } from '../dispatch/channels.rules.js';
import { Send, SendState } from './send.entity.js';

const GONE: readonly string[] = [SendState.FAILED, SendState.UNREGISTERED, SendState.DEAD];

/**
 * Queues the next channel (push → WhatsApp → SMS) for a send that failed for good, once no send of the
 * same event and recipient is left on its channel (another push device may still succeed). The new
 * send has its own idempotency key, so a failure reported twice queues it once. True when queued.
 */
export async function queueFallback(em: EntityManager, failed: Send, contact: DispatchContact): Promise<boolean> {
  const siblings = await em.find(Send, { eventId: failed.eventId, recipientId: failed.recipientId });
  const alive = siblings.some((s) => s.id !== failed.id && s.channel === failed.channel && !GONE.includes(s.state));
  if (alive) return false;
  const next = fallbackAfter(
    failed.channel,
    siblings.map((s) => s.channel),
    contact,
  );
  if (!next) return false;
  em.create(Send, {
    idempotencyKey: `${failed.eventId}:${failed.recipientKind}:${failed.recipientId}:${next}`,
    eventId: failed.eventId,
    notificationId: failed.notificationId,
    recipientKind: failed.recipientKind,
    recipientId: failed.recipientId,
    channel: next,
    kind: failed.kind,
    language: failed.language,
    params: failed.params,
    sealed: failed.sealed,
    fallbackOf: failed.id,
  });
  return true;
}
