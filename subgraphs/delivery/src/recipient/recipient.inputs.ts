import { Field, Float, InputType, Int } from 'type-graphql';

@InputType()
export class CreateRecipientInput {
  @Field() name!: string;
  @Field(() => Int, { description: 'At least 1.' }) householdSize!: number;
  @Field() region!: string;
  @Field(() => Int, { description: 'Lower is served first; 0 or more.' }) priority!: number;
  @Field({ description: 'International form, e.g. +212612345678.' }) phone!: string;
  @Field() address!: string;
  @Field(() => Float, { nullable: true, description: 'Give both latitude and longitude, or neither.' })
  latitude?: number;
  @Field(() => Float, { nullable: true }) longitude?: number;
  @Field(() => String, { nullable: true, description: 'Language of its SMS: en (default), ar, fr, ur, bn or ha.' })
  language?: string;
}

@InputType({ description: 'Only the fields given change; give latitude and longitude together.' })
export class UpdateRecipientInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) householdSize?: number | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => Int, { nullable: true }) priority?: number | null;
  @Field(() => String, { nullable: true, description: 'International form, e.g. +212612345678.' })
  phone?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, { nullable: true }) language?: string | null;
}
