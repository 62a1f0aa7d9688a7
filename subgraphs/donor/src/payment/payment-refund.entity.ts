import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A refund an organizer gave or asked the card provider for. Its `reference` (a bank transfer's,
 * a receipt number) names it: asking twice with the same one is the same refund, never a second.
 */
@ObjectType({ description: 'A refund an organizer issued for a payment.' })
@Entity({ tableName: 'payment_refund' })
// Also the index the refunds of one payment are read by.
@Unique({ name: 'payment_refund_reference_unique', properties: ['paymentId', 'reference'] })
export class PaymentRefund {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  paymentId!: string;

  @Field(() => Int, { description: "Minor units of the payment's currency." })
  @Property({ type: 'integer' })
  amountMinor!: number;

  @Field()
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: "The organizer's name for this refund; the same one again is the same refund." })
  @Property({ type: 'text' })
  reference!: string;

  /** The card provider's refund id; null for money paid back offline. */
  @Property({ type: 'text', nullable: true })
  providerRefundId: string | null = null;

  @Property({ type: 'uuid' })
  requestedBy!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  requestedAt: Opt<Date> = new Date();
}
