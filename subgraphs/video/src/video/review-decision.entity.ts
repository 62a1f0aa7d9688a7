import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { ProofCheck } from '../calibration/proof-check.js';
import type { ProofScores } from '../calibration/proof-scores.js';
import { ReviewOutcome } from './video.enums.js';
import { Video } from './video.entity.js';

/** What a reviewer decided on a flagged video, kept as the audit trail. */
@ObjectType({ description: 'A reviewer decision on a flagged video.' })
@Entity({ tableName: 'review_decision' })
export class ReviewDecision {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Video, { index: true })
  video!: Video;

  @Field(() => ID, { description: "The reviewer's account id." })
  @Property({ type: 'uuid' })
  reviewerId!: string;

  @Field(() => ReviewOutcome)
  @Enum({ items: () => ReviewOutcome, type: 'text' })
  decision!: ReviewOutcome;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field(() => [ProofCheck], {
    nullable: true,
    description: 'On a rejection: the checks the reviewer found wrong (they teach the calibration).',
  })
  @Property({ type: 'text[]', nullable: true })
  failedChecks: ProofCheck[] | null = null;

  /** What the models said, kept with the decision as a calibration label (`npm run calibrate`). */
  @Property({ type: 'jsonb', nullable: true })
  scores: ProofScores | null = null;

  /** Indexed: the calibration report reads decisions by time range. */
  @Field(() => Date)
  @Index()
  @Property({ type: 'timestamptz' })
  decidedAt: Opt<Date> = new Date();
}
