import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from './entities/outbox-message.js';
import type { EventPayloads, SubjectName } from './subjects.js';

/**
 * Queues an event in the outbox through `em`. Nothing is written until the caller flushes or its
 * `em.transactional(...)` commits, so the event commits (or rolls back) with the caller's change.
 * The relay publishes it afterwards with `Nats-Msg-Id` = the returned row's id.
 */
export function enqueue<S extends SubjectName>(
  em: EntityManager,
  subject: S,
  payload: EventPayloads[S],
): OutboxMessage {
  const message = new OutboxMessage(subject, payload);
  em.persist(message);
  return message;
}
