import { Field, Float, InputType } from 'type-graphql';

@InputType()
export class NewAnimalInput {
  @Field({ description: 'Ear tag or other mark, unique within the season.' }) tag!: string;
  @Field(() => Float, { nullable: true }) weightKg?: number | null;
}
