import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) orderId!: string;
  @Field(() => Int) amountMinor!: number;
  @Field() currency!: string;
  @Field() provider!: string;
  @Field() reference!: string;
}
