import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Buyer } from '../buyer/buyer.entity.js';
import { Lot } from '../lot/lot.entity.js';

/** The sale of one lot; proceeds go back to the charity. */
@ObjectType({ description: 'The sale of one lot to a tannery. Money is in minor units of `currency`.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'sale' })
export class Sale {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** Unique: a lot is sold once, even when two organizers try at the same moment. */
  @ManyToOne(() => Lot, { unique: true })
  lot!: Lot;

  @ManyToOne(() => Buyer, { index: true })
  buyer!: Buyer;

  @Field(() => Int, { description: 'What the buyer pays.' })
  @Property({ type: 'integer' })
  priceMinor!: number;

  @Field(() => Int, { description: 'Costs of the sale (transport, broker) deducted from the price.' })
  @Property({ type: 'integer' })
  feesMinor: Opt<number> = 0;

  @Field(() => Int, { description: 'What the charity receives: price minus fees.' })
  @Property({ type: 'integer' })
  proceedsMinor!: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  soldAt!: Date;
}
