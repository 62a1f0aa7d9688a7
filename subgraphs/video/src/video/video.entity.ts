import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import { CheckResult, VideoStatus } from './video.enums.js';

/** One recording attempt of the proof video of a sacrifice; a re-take is a new row with attempt + 1. */
@ObjectType({ description: 'One proof-video attempt of a sacrifice.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'video' })
// Two concurrent requests for the next attempt cannot both win.
@Unique({ properties: ['access', 'attempt'] })
// The reviewer queue: flagged videos in id (= creation) order.
@Index({ properties: ['status', 'id'] })
export class Video {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The sacrifice (its column is `sacrifice_id`); exposed as `sacrificeId` and `sacrifice`. */
  @ManyToOne(() => SacrificeAccess, { fieldName: 'sacrifice_id' })
  access!: SacrificeAccess;

  @Field(() => VideoStatus)
  @Enum({ items: () => VideoStatus, type: 'text' })
  status: Opt<VideoStatus> = VideoStatus.AWAITING_UPLOAD;

  @Field(() => Int, { description: '1 for the first recording; each re-take adds one.' })
  @Property({ type: 'integer' })
  attempt: Opt<number> = 1;

  /** Object-store key of the original; donors get the blurred rendition (see the resolver). */
  @Property({ type: 'text', nullable: true })
  storageKey: string | null = null;

  @Field(() => String, { nullable: true, description: 'Object-store key of the blurred rendition (with audio).' })
  @Property({ type: 'text', nullable: true })
  blurredStorageKey: string | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  durationSeconds: number | null = null;

  @Field(() => CheckResult, { nullable: true, description: 'Person, animal and knife in one frame; null until computed.' })
  @Enum({ items: () => CheckResult, type: 'text', nullable: true })
  sceneCheck: CheckResult | null = null;

  @Field(() => CheckResult, { nullable: true, description: 'Every expected name heard; null until computed.' })
  @Enum({ items: () => CheckResult, type: 'text', nullable: true })
  nameCheck: CheckResult | null = null;

  /** What the models saw; exposed to reviewers and organizers only (see the resolver). */
  @Property({ type: 'jsonb', nullable: true })
  evidence: Opt<Record<string, unknown>> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  modelVersion: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the checks did not validate the video.' })
  @Property({ type: 'text', nullable: true })
  flaggedReason: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();

  get sacrificeId(): Opt<string> {
    return this.access.sacrificeId;
  }
}
