import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import type { MediaInfo } from '../processing/media-info.js';
import { CheckResult, VideoStatus } from './video.enums.js';

/** One recording attempt of the proof video of a sacrifice; a re-take is a new row with attempt + 1. */
@ObjectType({ description: 'One proof-video attempt of a sacrifice.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'video' })
// Two concurrent requests for the next attempt cannot both win.
@Unique({ properties: ['access', 'attempt'] })
// The reviewer queue: flagged videos in id (= creation) order.
@Index({ properties: ['status', 'id'] })
// The reviewer queue for claims: flagged videos by age.
@Index({
  name: 'video_review_queue_idx',
  expression: 'create index "video_review_queue_idx" on "video" ("flagged_at") where "status" = \'FLAGGED\'',
})
// The archive sweep: hot videos by age.
@Index({
  name: 'video_archive_due_idx',
  expression: 'create index "video_archive_due_idx" on "video" ("created_at") where "archived_at" is null',
})
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

  @Field(() => CheckResult, {
    nullable: true,
    description: 'Person, animal and knife in one frame; null until computed.',
  })
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

  /** Bytes of the original as uploaded (checked against the declared size). */
  @Property({ type: new BigIntType('number'), nullable: true })
  sizeBytes: number | null = null;

  /** Hex sha256 of the original, verified when the upload completed. */
  @Property({ type: 'text', nullable: true })
  sha256: string | null = null;

  @Property({ type: 'text', nullable: true })
  contentType: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the whole file arrived and its checksum matched.' })
  @Property({ type: 'timestamptz', nullable: true })
  uploadedAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the file was refused (damaged, incomplete, not a video, no sound); the executor records again.',
  })
  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  /** What ffprobe found (size, codecs, rungs made); for staff and the renditions step. */
  @Property({ type: 'jsonb', nullable: true })
  mediaInfo: MediaInfo | null = null;

  /** 16 kHz mono wav of the sound track, for the name check. */
  @Property({ type: 'text', nullable: true })
  audioKey: string | null = null;

  /** Poster frame of the original. */
  @Property({ type: 'text', nullable: true })
  thumbnailKey: string | null = null;

  /** Set when the HLS ladders, the blurred copy and its poster are stored. */
  @Property({ type: 'timestamptz', nullable: true })
  renditionsReadyAt: Date | null = null;

  /** Why the renditions could not be made (the original and the verdict are unaffected). */
  @Property({ type: 'text', nullable: true })
  renditionsError: string | null = null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the files moved to cold storage; an organizer can restore them.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  /** Last restore from cold storage; a restored video stays hot for a while before it is archived again. */
  @Property({ type: 'timestamptz', nullable: true })
  restoredAt: Date | null = null;

  /** When it joined the review queue (FLAGGED): its age there. */
  @Field(() => Date, { nullable: true, description: 'When it was flagged for a reviewer.' })
  @Property({ type: 'timestamptz', nullable: true })
  flaggedAt: Date | null = null;

  /** The reviewer holding it (`claimReview`) until `claimExpiresAt`; after that anyone may claim it. */
  @Field(() => ID, { nullable: true, description: 'Reviewers and organizers: who is reviewing it now.' })
  @Property({ type: 'uuid', nullable: true })
  claimedBy: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the current claim lapses unless renewed.' })
  @Property({ type: 'timestamptz', nullable: true })
  claimExpiresAt: Date | null = null;

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
