import { Field, ID, InputType, Int } from 'type-graphql';
import { Species } from '../shared/species.js';

@InputType()
export class SetSharePriceInput {
  @Field(() => ID) siteId!: string;
  @Field(() => Species) species!: Species;
  @Field(() => Int, { description: 'Price of one share in minor units of `currency`.' }) amountMinor!: number;
  @Field({ description: "ISO 4217 code: the site's currency (one per site)." }) currency!: string;
}
