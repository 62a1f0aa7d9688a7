import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PaymentStatus } from '../order/order.enums.js';

/** Money received for an order, as the payment provider reported it. */
@ObjectType({ description: 'Money received for an order.' })
@Entity({ tableName: 'payment' })
// A provider's reference identifies one payment: recording it twice would count the money twice.
@Unique({ name: 'payment_provider_reference_unique', properties: ['provider', 'reference'] })
@Index({ name: 'payment_order_id_index', properties: ['orderId'] })
export class Payment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  orderId!: string;

  @Field(() => Int, { description: 'Minor units of `currency`.' })
  @Property({ type: 'integer' })
  amountMinor!: number;

  @Field({ description: "ISO 4217 code; always the order's currency." })
  @Property({ type: 'text' })
  currency!: string;

  @Field({ description: 'Who took the money, e.g. "stripe", "bank-transfer", "cash".' })
  @Property({ type: 'text' })
  provider!: string;

  @Field({ description: "The provider's id for this payment." })
  @Property({ type: 'text' })
  reference!: string;

  @Field(() => PaymentStatus, {
    description: 'A card payment is PENDING until the provider confirms it; an offline one is PAID when recorded.',
  })
  @Enum({ items: () => PaymentStatus, type: 'text' })
  status: Opt<PaymentStatus> = PaymentStatus.PAID;

  @Field(() => Int, { description: 'Refunded so far, in minor units of `currency`.' })
  @Property({ type: 'integer', default: 0 })
  refundedMinor: Opt<number> = 0;

  /** When a provider event last changed it. */
  @Property({ type: 'timestamptz', nullable: true })
  updatedAt: Date | null = null;

  /** The organizer who recorded it, or the donor who started a card payment. */
  @Property({ type: 'uuid' })
  recordedBy!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
