import type { EntityManager } from '@mikro-orm/core';
import { context, propagation } from '@opentelemetry/api';
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
  // The active span, if tracing is on (a no-op propagator otherwise): the trace crosses the bus with the row.
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  message.traceParent = carrier.traceparent ?? null;
  em.persist(message);
  return message;
}
