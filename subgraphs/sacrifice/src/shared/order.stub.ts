import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The donor subgraph's order; this subgraph adds `sacrifices` to it. */
@ObjectType('Order')
@Directive('@key(fields: "id")')
export class OrderStub {
  @Field(() => ID) id!: string;
}

export const orderReference = {
  Order: { __resolveReference: (ref: { id: string }): OrderStub => ({ id: ref.id }) },
};
