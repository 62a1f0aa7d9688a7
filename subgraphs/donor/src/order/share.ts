import { Field, ID, Int, ObjectType } from 'type-graphql';

/** One share of an order, stored inside the order row: it has no life of its own in this subgraph. */
@ObjectType({ description: 'One share of an order and the name it is offered for.' })
export class Share {
  @Field(() => ID, { description: 'Stable id the sacrifice subgraph allocates to an animal.' }) id!: string;
  @Field(() => Int, { description: 'Position in the order, from 0.' }) index!: number;
  @Field({ description: 'The name the sacrifice is offered for; the executor pronounces it.' }) offeredFor!: string;
}
