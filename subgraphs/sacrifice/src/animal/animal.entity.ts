import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Season } from '../season/season.entity.js';
import { Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';

export enum AnimalStatus {
  AVAILABLE = 'AVAILABLE',
  ALLOCATED = 'ALLOCATED',
  SACRIFICED = 'SACRIFICED',
  UNFIT = 'UNFIT',
  /** Entered by mistake or no longer the charity's: kept for the record, never allocated. */
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(AnimalStatus, { name: 'AnimalStatus', description: 'Where an animal is in the season.' });

/** An animal the charity bought for a site; shares are allocated to it later. */
@ObjectType({ description: 'An animal bought for a site; a sheep or goat carries 1 share, a cow or camel 7.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'animal' })
@Unique({ properties: ['seasonId', 'tag'] })
@Index({ properties: ['seasonId', 'species', 'status'] })
export class Animal {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Site, { mapToPk: true, fieldName: 'site_id' })
  siteId!: string;

  /** Copied from the site: tags are unique per season, and allocation scans by season. */
  @ManyToOne(() => Season, { mapToPk: true, fieldName: 'season_id' })
  seasonId!: string;

  @Field(() => Species)
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  @Field({ description: 'Ear tag or other mark, unique within the season.' })
  @Property({ type: 'text' })
  tag!: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  weightKg: number | null = null;

  @Field(() => AnimalStatus)
  @Enum({ items: () => AnimalStatus, type: 'text' })
  status: Opt<AnimalStatus> = AnimalStatus.AVAILABLE;

  @Field(() => String, { nullable: true, description: 'Why it was set aside after allocation (ill, injured, died).' })
  @Property({ type: 'text', nullable: true })
  unfitReason: string | null = null;

  @Field(() => Int, { description: 'Shares this animal carries: 1 for a sheep or goat, 7 for a cow or camel.' })
  @Property({ type: 'integer' })
  sharesCapacity!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
