import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One entry of an account's in-app feed, made from one `notification.send` event. `eventId` is the
 * event's id: a redelivered or replayed event finds its row and is not shown twice.
 */
@ObjectType({ description: 'Something the platform told you: an entry of your in-app feed.' })
@Entity({ tableName: 'notification' })
@Unique({ properties: ['eventId'] })
@Index({ properties: ['recipientAccountId', 'id'] })
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  recipientAccountId!: string;

  @Property({ type: 'text' })
  eventId!: string;

  @Field({ description: 'What happened, e.g. VIDEO_VALIDATED, VIDEO_UNDER_REVIEW, VIDEO_APPROVED, VIDEO_REJECTED.' })
  @Property({ type: 'text' })
  kind!: string;

  /** Ids only (videoId, sacrificeId, attempt...), never personal data. */
  @Property({ type: 'jsonb' })
  params!: Record<string, string>;

  @Field({ description: "The message, in the recipient's language at the time it was sent." })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  /** How many times organizers replayed its failed channels (each replay's number travels in the dispatch). */
  @Property({ type: 'integer' })
  replays: Opt<number> = 0;
}
