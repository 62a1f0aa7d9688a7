import 'reflect-metadata';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 } from 'uuid';

/**
 * An event waiting to be published (or already published) to JetStream. Written in the same
 * transaction as the business change, so an event exists if and only if the change committed.
 */
@Entity({ tableName: 'outbox_message' })
// The relay only ever scans unpublished rows in id order; a partial index keeps that scan tiny
// however many published rows accumulate.
@Index({ name: 'outbox_message_unpublished_idx', properties: ['id'], where: 'published_at is null' })
export class OutboxMessage {
  /** UUIDv7: time-ordered, so id order is enqueue order; also the JetStream Nats-Msg-Id. */
  @PrimaryKey({ type: 'uuid' })
  id: string = v7();

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** W3C `traceparent` of the span that wrote the event; sent as a NATS header so consumers continue the trace. */
  @Property({ type: 'text', nullable: true })
  traceParent: string | null = null;

  constructor(subject: string, payload: unknown) {
    this.subject = subject;
    this.payload = payload;
  }
}
