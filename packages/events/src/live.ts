import type { EntityManager } from '@mikro-orm/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { OutboxMessage } from './entities/outbox-message.js';
import { liveSubject, liveWireSubject, type LiveKindName, type LivePayloads } from './live-subjects.js';

export * from './live-subjects.js';

/**
 * Queues a live signal in the caller's transaction, like `enqueue`: it is sent (by the outbox relay,
 * on core NATS) only once the change it announces has committed, so a subscriber who reads the
 * entity on receiving it sees the change.
 */
export function enqueueLive<K extends LiveKindName>(
  em: EntityManager,
  kind: K,
  id: string,
  body: LivePayloads[K],
): void {
  em.persist(new OutboxMessage(liveSubject(kind, id), { ...body, at: new Date().toISOString() }));
}

/**
 * Sends a live signal now, for high-rate changes that are not written in a transaction (driver
 * positions live in Redis). Fire-and-forget: a signal lost in a disconnect is superseded by the next.
 */
export function publishLive<K extends LiveKindName>(
  nc: NatsConnection,
  prefix: string | undefined,
  kind: K,
  id: string,
  body: LivePayloads[K],
): void {
  nc.publish(liveWireSubject(prefix, kind, id), JSON.stringify({ ...body, at: new Date().toISOString() }));
}
