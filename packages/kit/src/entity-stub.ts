import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import type { ReferenceResolvers } from './federation.js';

/** What a subgraph knows of another subgraph's entity: its key, nothing else. */
export interface EntityRef {
  id: string;
}

export interface EntityStubOptions {
  /**
   * `false` when this subgraph only points at the entity and adds no field to it: the gateway then
   * never asks this subgraph to resolve one (`@key(..., resolvable: false)`). Default `true`.
   */
  resolvable?: boolean;
}

/** A stub class, plus the `__resolveReference` to give the schema builder (empty when not resolvable). */
export interface EntityStub extends ClassType<EntityRef> {
  readonly reference: ReferenceResolvers;
}

/**
 * Declares a stub of another subgraph's entity: `@key(fields: "id")` and `id: ID!` only. type-graphql
 * wants one class per GraphQL type name in a schema, so call it once per subgraph (in its
 * `foreign-entities.ts`) and use the class in `@Resolver(() => X)` and `@Field(() => X)`.
 *
 * Its reference resolver returns `{ id }` without touching the database: a stub authorizes nothing,
 * the fields added to it apply the policy of the rows they return (docs/graph-contract.md).
 */
export function entityStub(typeName: string, options: EntityStubOptions = {}): EntityStub {
  const resolvable = options.resolvable ?? true;

  @ObjectType(typeName)
  @Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class Stub implements EntityRef {
    @Field(() => ID) id!: string;
  }

  const reference: ReferenceResolvers = resolvable
    ? { [typeName]: { __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }) } }
    : {};
  return Object.assign(Stub, { reference });
}

/** The reference to return for a foreign key column: `null` when the column is empty. */
export const entityRef = (id: string | null | undefined): EntityRef | null => (id ? { id } : null);
