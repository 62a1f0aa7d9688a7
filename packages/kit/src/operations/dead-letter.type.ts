import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** What an operator sees of an event a service gave up on. Events carry ids, never personal data. */
@ObjectType('DeadLetter', { description: 'An event a consumer gave up on; replay it once the cause is fixed.' })
@Directive('@shareable')
export class DeadLetterView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The service whose consumer gave up.' })
  service!: string;

  @Field({ description: 'The durable consumer.' })
  consumer!: string;

  @Field()
  subject!: string;

  @Field({ description: 'The event id (stable across replays).' })
  messageId!: string;

  @Field(() => GraphQLJSONObject)
  payload!: Record<string, unknown>;

  @Field(() => Int)
  deliveries!: number;

  @Field({ description: 'The last error, as the handler threw it.' })
  error!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  replayedAt!: Date | null;
}
