import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Season } from '../season/season.entity.js';

/** A place where animals are sacrificed, with its own time zone and optional window times. */
@ObjectType({ description: 'A place where animals are kept and sacrificed during one season.' })
@Entity({ tableName: 'site' })
@Unique({ properties: ['seasonId', 'name'] })
export class Site {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Season, { mapToPk: true, fieldName: 'season_id' })
  seasonId!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Country or area, as the charity names it.' })
  @Property({ type: 'text' })
  region!: string;

  @Field({ description: 'IANA time zone of the site, e.g. Asia/Karachi.' })
  @Property({ type: 'text' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'Overrides the season window start (HH:MM, local).' })
  @Property({ type: 'text', nullable: true })
  windowStartLocal: string | null = null;

  @Field(() => String, { nullable: true, description: 'Overrides the season window end (HH:MM, local).' })
  @Property({ type: 'text', nullable: true })
  windowEndLocal: string | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  latitude: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  longitude: number | null = null;

  @Field(() => Date, { nullable: true, description: 'Set while the site is archived: it takes no new orders.' })
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  /** Grows with each archive or restore, so the donor subgraph's copy keeps the newest. */
  @Property({ type: 'integer', default: 0 })
  archiveVersion: Opt<number> = 0;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
