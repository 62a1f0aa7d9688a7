import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Remembers a cancelled order, so an `order.placed` handled after its confirmed cancellation
 * (separate consumers, retries) does not bring the shares back.
 */
@Entity({ tableName: 'cancelled_order' })
export class CancelledOrder {
  @PrimaryKey({ type: 'uuid' })
  orderId!: string;

  @Property({ type: 'timestamptz' })
  cancelledAt: Opt<Date> = new Date();
}
