import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** One Eid al-Adha: the Gregorian dates of 10 and 13 Dhul-Hijjah and the default daily window. */
@ObjectType({ description: 'One Eid al-Adha: the days of sacrifice and the default window times.' })
@Entity({ tableName: 'season' })
export class Season {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int)
  @Property({ type: 'integer', unique: true })
  hijriYear!: number;

  @Field({ description: '10 Dhul-Hijjah as a Gregorian date (YYYY-MM-DD): the first day of sacrifice.' })
  @Property({ type: 'date' })
  day10!: string;

  @Field({ description: '13 Dhul-Hijjah as a Gregorian date (YYYY-MM-DD): the last day of sacrifice.' })
  @Property({ type: 'date' })
  day13!: string;

  @Field({ description: 'Local time (HH:MM) the window opens on day 10, after the Eid prayer; sites may override it.' })
  @Property({ type: 'text' })
  windowStartLocal!: string;

  @Field({ description: 'Local time (HH:MM) the window closes on day 13, at sunset; sites may override it.' })
  @Property({ type: 'text' })
  windowEndLocal!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
