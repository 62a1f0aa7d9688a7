import { Field, InputType, Int } from 'type-graphql';

@InputType()
export class CreateSeasonInput {
  @Field({ description: 'e.g. "Eid al-Adha 1447".' }) name!: string;
  @Field(() => Int) hijriYear!: number;
  @Field(() => String, {
    nullable: true,
    description:
      '10 Dhul-Hijjah (YYYY-MM-DD) when the local moon sighting differs from Umm al-Qura (at most 2 days); computed when omitted. Day 13 is always 3 days later.',
  })
  day10?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; default 07:30 (after the Eid prayer).' })
  windowStartLocal?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; default 19:30 (sunset).' }) windowEndLocal?:
    string | null;
}

@InputType({ description: 'Corrections to a season; omitted fields stay as they are.' })
export class UpdateSeasonInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, {
    nullable: true,
    description: '10 Dhul-Hijjah (YYYY-MM-DD) as sighted; refused once a sacrifice of the season was recorded.',
  })
  day10?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; refused once a sacrifice was recorded.' })
  windowStartLocal?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM local; refused once a sacrifice was recorded.' })
  windowEndLocal?: string | null;
}
