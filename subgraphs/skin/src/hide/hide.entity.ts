import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { AllocatedSacrifice } from '@qurbani/events';
import { Lot } from '../lot/lot.entity.js';
import { HideGrade, HideStatus, Species } from './hide.enums.js';

/** The hide of one sacrificed animal, from collection to sale. */
@ObjectType({
  description: 'The hide of one sacrificed animal: it must be preserved in time, is graded, put in a lot and sold.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'hide' })
// One animal, one hide: a second recording of the same sacrifice is refused even under a race.
@Unique({ properties: ['allocation'] })
// The at-risk list: collected hides by deadline.
@Index({ properties: ['status', 'preserveBy'] })
// The season dashboard: hides by site and status, and at risk by deadline, from the index alone.
@Index({ properties: ['siteId', 'status', 'preserveBy'] })
export class Hide {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The sacrifice (column `sacrifice_id`) with its owner ids; exposed as `sacrificeId` and `sacrifice`. */
  @ManyToOne(() => AllocatedSacrifice, { fieldName: 'sacrifice_id' })
  allocation!: AllocatedSacrifice;

  /** The allocation's site, copied when the hide is recorded (it never changes): per-site figures need no join. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => Species)
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  collectedAt!: Date;

  @Field(() => Date, { description: 'Salt it before this time or it spoils in the heat.' })
  @Property({ type: 'timestamptz' })
  preserveBy!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  preservedAt: Date | null = null;

  @Field(() => HideGrade, { nullable: true })
  @Enum({ items: () => HideGrade, type: 'text', nullable: true })
  grade: HideGrade | null = null;

  @Field(() => Float)
  @Property({ type: 'decimal', precision: 7, scale: 2, runtimeType: 'number' })
  weightKg!: number;

  @Field(() => HideStatus)
  @Enum({ items: () => HideStatus, type: 'text' })
  status: Opt<HideStatus> = HideStatus.COLLECTED;

  @Field({ description: 'The season: the Hijri (Umm al-Qura) year of collection.' })
  @Index()
  @Property({ type: 'text' })
  season!: string;

  @Field(() => String, { nullable: true, description: 'Where it is kept at the site (store, shed, container).' })
  @Property({ type: 'text', nullable: true })
  store: string | null = null;

  /** The account that recorded it: the staff told when it is at risk or spoiled. */
  @Property({ type: 'uuid', nullable: true })
  collectedBy: string | null = null;

  /** When the at-risk alert went out; set once, in the transaction that queued it. */
  @Field(() => Date, { nullable: true, description: 'When staff were alerted that it is about to spoil.' })
  @Property({ type: 'timestamptz', nullable: true })
  alertedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  spoiledAt: Date | null = null;

  /** Exposed to organizers only, through the resolver. */
  @ManyToOne(() => Lot, { nullable: true, index: true })
  lot: Lot | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();

  get sacrificeId(): Opt<string> {
    return this.allocation.sacrificeId;
  }
}
