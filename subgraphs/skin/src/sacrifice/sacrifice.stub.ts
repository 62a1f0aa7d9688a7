import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The sacrifice subgraph's entity; this subgraph adds `hide` to it. */
@ObjectType('Sacrifice')
@Directive('@key(fields: "id")')
export class SacrificeStub {
  @Field(() => ID) id!: string;
}

export const sacrificeReference = {
  Sacrifice: { __resolveReference: (ref: { id: string }): SacrificeStub => ({ id: ref.id }) },
};
