import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An order whose payments cover its amount (`order.paid`): only its shares are allocated. Kept apart
 * from `order_share` so an `order.paid` handled before its `order.placed` is not lost.
 */
@Entity({ tableName: 'paid_order' })
export class PaidOrder {
  @PrimaryKey({ type: 'uuid' })
  orderId!: string;

  @Property({ type: 'timestamptz' })
  paidAt: Opt<Date> = new Date();
}
