import { Field, Float, ID, InputType } from 'type-graphql';

@InputType()
export class CreateSiteInput {
  @Field(() => ID) seasonId!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field({ description: 'IANA time zone, e.g. Asia/Karachi.' }) timeZone!: string;
  @Field(() => String, { nullable: true, description: 'HH:MM local, overrides the season default.' })
  windowStartLocal?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local, overrides the season default.' }) windowEndLocal?:
    string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
}

@InputType({
  description: 'Only the fields given change; window times and time zone only while no sacrifice was recorded here.',
})
export class UpdateSiteInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Asia/Karachi.' }) timeZone?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; an empty string goes back to the season default.' })
  windowStartLocal?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; an empty string goes back to the season default.' })
  windowEndLocal?: string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
}
