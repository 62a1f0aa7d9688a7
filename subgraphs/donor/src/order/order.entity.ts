import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CancellationStatus, OrderStatus, PaymentStatus, Species } from './order.enums.js';
import { Share } from './share.js';

/** A donor's order for shares of one species. `donor` and `payments` are resolved through loaders. */
@ObjectType({ description: "A donor's order for shares of one species, each offered for a name." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'donor_order' })
// The idempotency key: a retried placeOrder finds (or collides with) the first one.
@Unique({ name: 'donor_order_donor_request_unique', properties: ['donorId', 'clientRequestId'] })
@Index({ name: 'donor_order_donor_id_index', properties: ['donorId', 'id'] })
@Index({ name: 'donor_order_status_id_index', properties: ['status', 'id'] })
@Index({ name: 'donor_order_unpaid_expiry_index', properties: ['paymentStatus', 'expiresAt'] })
// The season dashboard counts orders by payment status for its sites.
@Index({ name: 'donor_order_site_payment_index', properties: ['siteId', 'paymentStatus'] })
export class Order {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  donorId!: string;

  @Property({ type: 'text' })
  clientRequestId!: string;

  @Field(() => Species)
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  @Field(() => ID, { nullable: true, description: 'The site whose animals the shares go to (null before prices).' })
  @Property({ type: 'uuid', nullable: true })
  siteId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  seasonId: string | null = null;

  @Field(() => Int, { nullable: true, description: "The site's price of one share when the order was placed." })
  @Property({ type: 'integer', nullable: true })
  unitPriceMinor: number | null = null;

  @Field(() => Int, { description: 'The donation the donor added on top of the shares, in minor units.' })
  @Property({ type: 'integer', default: 0 })
  donationMinor: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  shareCount!: number;

  @Field(() => [Share])
  @Property({ type: 'jsonb' })
  shares!: Share[];

  @Field(() => Int, {
    description: 'What the order costs, in minor units of `currency`: shareCount x unitPriceMinor + donationMinor.',
  })
  @Property({ type: 'integer' })
  amountMinor!: number;

  @Field({ description: 'ISO 4217 code.' })
  @Property({ type: 'text' })
  currency!: string;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus, type: 'text' })
  paymentStatus: Opt<PaymentStatus> = PaymentStatus.PENDING;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, type: 'text' })
  status: Opt<OrderStatus> = OrderStatus.PLACED;

  @Field(() => CancellationStatus, { nullable: true, description: 'Set once the donor asked to cancel.' })
  @Enum({ items: () => CancellationStatus, type: 'text', nullable: true })
  cancellationStatus: CancellationStatus | null = null;

  @Field(() => String, { nullable: true, description: 'Why a cancellation was refused, for the donor.' })
  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  @Field(() => Date, {
    nullable: true,
    description: 'An unpaid order holds its shares until then; after it the order is EXPIRED.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
