import 'reflect-metadata';
import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Marks an event as handled by one durable consumer. Inserted in the handler's own transaction,
 * so "handled" and the handler's side effects commit together; a redelivery finds the row and
 * skips the handler.
 */
@Entity({ tableName: 'inbox_message' })
export class InboxMessage {
  [PrimaryKeyProp]?: ['consumer', 'messageId'];

  /** Durable consumer name. */
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  /** Logical event id (the outbox id for relayed events). */
  @PrimaryKey({ type: 'text' })
  messageId!: string;

  @Property({ type: 'datetime' })
  processedAt: Date = new Date();
}
