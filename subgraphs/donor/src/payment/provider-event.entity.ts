import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A provider's webhook event already applied. Providers deliver an event at least once (and retry
 * on any doubt); the primary key makes the second delivery a no-op in the same transaction.
 */
@Entity({ tableName: 'provider_event' })
export class ProviderEvent {
  @PrimaryKey({ type: 'text' })
  provider!: string;

  @PrimaryKey({ type: 'text' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz' })
  receivedAt: Opt<Date> = new Date();
}
