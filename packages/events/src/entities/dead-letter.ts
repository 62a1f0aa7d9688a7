import 'reflect-metadata';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 } from 'uuid';

/** An event a consumer gave up on (handler kept failing, or the payload was not JSON). */
@Entity({ tableName: 'dead_letter' })
// One row per consumer and event: a lost term() that leads to another dead-lettering, or a replay
// that fails again, updates the row instead of piling up duplicates.
@Unique({ name: 'dead_letter_consumer_message_uniq', properties: ['consumer', 'messageId'] })
export class DeadLetter {
  @PrimaryKey({ type: 'uuid' })
  id: string = v7();

  /** Durable consumer name. */
  @Property({ type: 'text' })
  consumer!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** Logical event id; a replay reuses it so other consumers' inbox dedupe still applies. */
  @Property({ type: 'text' })
  messageId!: string;

  /** The parsed payload, or `{ raw: "<text>" }` when the message was not valid JSON. */
  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'integer' })
  deliveries!: number;

  @Property({ type: 'text' })
  error!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  replayedAt: Date | null = null;
}
