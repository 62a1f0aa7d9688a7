import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's account, referenced as an executor; this subgraph adds no field to it. */
@ObjectType('Account')
@Directive('@key(fields: "id", resolvable: false)')
export class AccountStub {
  @Field(() => ID) id!: string;
}

export const accountStub = (id: string | null): AccountStub | null => (id ? { id } : null);
