import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's account; this subgraph adds `donorProfile` to it. */
@ObjectType('Account')
@Directive('@key(fields: "id")')
export class AccountStub {
  @Field(() => ID) id!: string;
}

export const accountReference = {
  Account: { __resolveReference: (ref: { id: string }): AccountStub => ({ id: ref.id }) },
};
