import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType } from 'type-graphql';
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

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  decidedAt: Opt<Date> = new Date();
}
