import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printSubgraphSchema } from '@apollo/subgraph';
import { graphql } from 'graphql';
import { FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { entityRef, entityStub, subgraphSchema, type EntityRef } from '../src/index.js';

// Two subgraphs of one process (as in the e2e system) stub the same foreign type with different fields.
const HideSideSacrifice = entityStub('Sacrifice');
const PackSideSacrifice = entityStub('Sacrifice');
const Driver = entityStub('Account', { resolvable: false });

@Resolver(() => HideSideSacrifice)
class SacrificeHideResolver {
  @FieldResolver(() => String)
  hide(@Root() sacrifice: EntityRef): string {
    return `hide of ${sacrifice.id}`;
  }

  // A stub type is in the schema only when reachable from a root field (as `Hide.sacrifice` makes it).
  @Query(() => HideSideSacrifice)
  sacrificeOfHide(): EntityRef {
    return { id: 's1' };
  }
}

@Resolver(() => PackSideSacrifice)
class SacrificePacksResolver {
  @FieldResolver(() => String)
  packs(@Root() sacrifice: EntityRef): string {
    return `packs of ${sacrifice.id}`;
  }

  @Query(() => PackSideSacrifice)
  sacrificeOfPack(): EntityRef {
    return { id: 's1' };
  }

  @Query(() => Driver, { nullable: true })
  driver(): EntityRef | null {
    return entityRef('a1');
  }
}

describe('foreign entity stubs (entityStub)', () => {
  it('declares the key only, resolvable or not', async () => {
    const sdl = printSubgraphSchema(
      await subgraphSchema({
        resolvers: [new SacrificePacksResolver()],
        references: [PackSideSacrifice.reference, Driver.reference],
      }),
    );
    assert.match(sdl, /type Sacrifice\s+@key\(fields: "id"\)\s*\{\s*id: ID!\s*packs: String!\s*\}/);
    assert.match(sdl, /type Account\s+@key\(fields: "id", resolvable: false\)\s*\{\s*id: ID!\s*\}/);
    assert.deepEqual(Driver.reference, {}, 'the gateway never asks for a stub that is not resolvable');
  });

  it("keeps each subgraph's fields to its own stub class", async () => {
    const sdl = printSubgraphSchema(
      await subgraphSchema({ resolvers: [new SacrificeHideResolver()], references: [HideSideSacrifice.reference] }),
    );
    assert.match(sdl, /hide: String!/);
    assert.doesNotMatch(sdl, /packs/);
  });

  it('resolves a reference to `{ id }` without a query, and the fields added to it then run', async () => {
    const schema = await subgraphSchema({
      resolvers: [new SacrificeHideResolver()],
      references: [HideSideSacrifice.reference],
    });
    const result = await graphql({
      schema,
      source: `{ _entities(representations: [{ __typename: "Sacrifice", id: "s1" }]) { ... on Sacrifice { id hide } } }`,
      contextValue: {},
    });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(JSON.parse(JSON.stringify(result.data)), { _entities: [{ id: 's1', hide: 'hide of s1' }] });
  });

  it('turns an empty foreign key into null', () => {
    assert.equal(entityRef(null), null);
    assert.deepEqual(entityRef('a1'), { id: 'a1' });
  });
});
