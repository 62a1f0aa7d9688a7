import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { Species } from '../shared/species.js';

/**
 * One share of an order, copied from `order.placed`. Pending while `sacrificeId` is null. The id is
 * the donor subgraph's share id (UUIDv7), so ordering by it is ordering by arrival.
 */
@ObjectType('SacrificeShare', { description: 'A share allocated to a sacrifice, and the name it is offered for.' })
@Entity({ tableName: 'order_share' })
@Index({
  name: 'order_share_pending_idx',
  expression:
    'create index "order_share_pending_idx" on "order_share" ("species", "share_id") where "sacrifice_id" is null',
})
export class OrderShare {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  shareId!: string;

  @Field(() => ID)
  @Index()
  @Property({ type: 'uuid' })
  orderId!: string;

  @Index()
  @Property({ type: 'uuid' })
  donorId!: string;

  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  /** The site whose animals this share goes to; null for orders placed before prices (any site of the season). */
  @Property({ type: 'uuid', nullable: true })
  siteId: string | null = null;

  @Field({ description: 'The person on whose behalf this share is offered; the executor says this name.' })
  @Property({ type: 'text' })
  offeredFor!: string;

  @ManyToOne(() => Sacrifice, { mapToPk: true, fieldName: 'sacrifice_id', nullable: true, index: true })
  sacrificeId: string | null = null;

  @Property({ type: 'timestamptz' })
  receivedAt: Opt<Date> = new Date();
}
