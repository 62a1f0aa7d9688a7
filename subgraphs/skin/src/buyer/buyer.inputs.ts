import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateBuyerInput {
  @Field({ description: 'The tannery, 1 to 120 characters.' }) name!: string;
  @Field({ description: 'Phone, email or address; stored encrypted, shown to organizers only.' }) contact!: string;
}
