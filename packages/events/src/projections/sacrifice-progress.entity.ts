import 'reflect-metadata';
import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { SacrificeStatus } from '../vocabulary.js';

/**
 * A subgraph's copy of where a sacrifice stands, made from `sacrifice.status-changed`: its orders and
 * whether (and when) the animal was sacrificed. Delivery and skin refuse packs and hides of an animal
 * not yet sacrificed with it, and delivery finds an order's sacrifices with it.
 */
@Entity({ tableName: 'sacrifice_progress' })
@Index({
  name: 'sacrifice_progress_order_ids_index',
  expression: 'create index "sacrifice_progress_order_ids_index" on "sacrifice_progress" using gin ("order_ids")',
})
export class SacrificeProgress {
  [PrimaryKeyProp]?: 'sacrificeId';

  @PrimaryKey({ type: 'uuid' })
  sacrificeId!: string;

  @Property({ type: 'text[]' })
  orderIds: string[] = [];

  @Property({ type: 'text' })
  status!: SacrificeStatus;

  /** Time of the latest status applied: an older event never overwrites a newer one. */
  @Property({ type: 'timestamptz' })
  statusAt!: Date;

  /** When the animal was sacrificed (PERFORMED, or a later status that implies it); null before. */
  @Property({ type: 'timestamptz', nullable: true })
  performedAt: Opt<Date> | null = null;
}
