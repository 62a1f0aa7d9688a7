import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Animal } from '../animal/animal.entity.js';
import { Season } from '../season/season.entity.js';
import { Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';
import { SacrificeStatus } from './sacrifice-status.js';

/** One animal sacrificed once, for every share allocated to it. */
@ObjectType({ description: 'One animal sacrificed once, on behalf of every share allocated to it.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'sacrifice' })
@Index({ properties: ['siteId', 'status'] })
// The dashboard's counts by site and status, with the shares on them, from the index alone.
@Index({
  name: 'sacrifice_dashboard_idx',
  expression: 'create index "sacrifice_dashboard_idx" on "sacrifice" ("site_id", "status") include ("share_count")',
})
@Index({ properties: ['orderIds'], type: 'gin' })
@Index({ properties: ['donorIds'], type: 'gin' })
// The dashboard's pace per site: sacrifices performed in the last hour.
@Index({
  name: 'sacrifice_site_performed_idx',
  expression:
    'create index "sacrifice_site_performed_idx" on "sacrifice" ("site_id", "performed_at") where "performed_at" is not null',
})
export class Sacrifice {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Animal, { mapToPk: true, fieldName: 'animal_id', unique: true })
  animalId!: string;

  @ManyToOne(() => Site, { mapToPk: true, fieldName: 'site_id' })
  siteId!: string;

  @ManyToOne(() => Season, { mapToPk: true, fieldName: 'season_id' })
  seasonId!: string;

  @Field(() => Species)
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  /** Copied from the shares at allocation (they never change afterwards): authorization and events read them without a join. */
  @Property({ type: 'text[]' })
  orderIds!: string[];

  @Property({ type: 'text[]' })
  donorIds!: string[];

  /** Shares on the animal (1 for a sheep or goat, up to 7 for a cow or camel): the dashboard sums it without a join. */
  @Property({ type: 'smallint', default: 1 })
  shareCount: Opt<number> = 1;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  executorId: string | null = null;

  @Field(() => SacrificeStatus)
  @Enum({ items: () => SacrificeStatus, type: 'text' })
  status: Opt<SacrificeStatus> = SacrificeStatus.ALLOCATED;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  performedAt: Date | null = null;

  /**
   * What the proof video concluded (VERIFIED or FLAGGED), from `video.processed-final` and
   * `video.reviewed`. Kept apart from `status` because a verdict may arrive before the executor
   * records the sacrifice as performed; it is applied then.
   */
  @Enum({ items: () => SacrificeStatus, type: 'text', nullable: true })
  proofOutcome: SacrificeStatus | null = null;

  /** The video whose verdict or review set `proofOutcome`. */
  @Property({ type: 'uuid', nullable: true })
  proofVideoId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
