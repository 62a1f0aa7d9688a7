import { Field, Float, InputType } from 'type-graphql';
import { Species } from '../shared/species.js';

@InputType()
export class NewAnimalInput {
  @Field({ description: 'Ear tag or other mark, unique within the season.' }) tag!: string;
  @Field(() => Float, { nullable: true }) weightKg?: number | null;
}

@InputType({ description: 'Only the fields given change; the species only while the animal carries no shares.' })
export class UpdateAnimalInput {
  @Field(() => String, { nullable: true, description: 'Unique within the season; fixed once sacrificed.' })
  tag?: string | null;
  @Field(() => Float, { nullable: true }) weightKg?: number | null;
  @Field(() => Species, { nullable: true }) species?: Species | null;
}
