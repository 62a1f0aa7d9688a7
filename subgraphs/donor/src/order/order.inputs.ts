import { Field, ID, InputType, Int } from 'type-graphql';
import { Species } from './order.enums.js';

@InputType()
export class PlaceOrderInput {
  @Field({
    description: 'Chosen by the client once per order (a UUID is best); sending it again returns the same order.',
  })
  clientRequestId!: string;

  @Field(() => ID, { description: 'The site whose animals the shares go to; its price list sets the amount.' })
  siteId!: string;

  @Field(() => Species) species!: Species;

  @Field(() => [String], {
    description:
      'One name per share (1 to 100 shares), each 1 to 120 characters: the names the shares are offered for.',
  })
  shares!: string[];

  @Field(() => Int, {
    nullable: true,
    description: "An optional donation on top of the shares' price, in minor units of the site's currency.",
  })
  donationMinor?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Refused when given: the charity sets the price (shares x the price list), a donor never does.',
  })
  amountMinor?: number | null;

  @Field(() => String, { nullable: true, description: "Refused when given: an order is in the site's currency." })
  currency?: string | null;
}
