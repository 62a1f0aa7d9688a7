import { Field, InputType, Int } from 'type-graphql';
import { Species } from './order.enums.js';

@InputType()
export class PlaceOrderInput {
  @Field({
    description: 'Chosen by the client once per order (a UUID is best); sending it again returns the same order.',
  })
  clientRequestId!: string;

  @Field(() => Species) species!: Species;

  @Field(() => [String], {
    description:
      'One name per share (1 to 100 shares), each 1 to 120 characters: the names the shares are offered for.',
  })
  shares!: string[];

  @Field(() => Int, { description: 'Total price in minor units of `currency`.' }) amountMinor!: number;
  @Field({ description: 'ISO 4217 code, e.g. EUR, MAD.' }) currency!: string;
}
