import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class RefundPaymentInput {
  @Field(() => ID) paymentId!: string;
  @Field(() => Int, { description: "Minor units of the payment's currency; at most what is left unrefunded." })
  amountMinor!: number;
  @Field({ description: 'Why, for the audit trail and the donor (e.g. "donor cancelled before allocation").' })
  reason!: string;
  @Field({ description: 'Names this refund (e.g. the bank transfer back); asking again with it refunds nothing more.' })
  reference!: string;
}
