import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kind, parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { selectsCardOnly } from './account-cards.js';

/** The resolve info of `_entities` in a fetch the gateway sends, as far as `selectsCardOnly` reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  assert.equal(field.kind, Kind.FIELD);
  return { fieldNodes: [field] } as unknown as GraphQLResolveInfo;
}

describe("which account fetches the cards' cache may answer", () => {
  it('takes fetches of the card fields only', () => {
    assert.ok(selectsCardOnly(infoOf('{ _entities(representations: $r) { ... on Account { id displayName } } }')));
    assert.ok(
      selectsCardOnly(infoOf('{ _entities(representations: $r) { __typename ... on Account { roles createdAt } } }')),
    );
  });

  it('leaves to the row every fetch that asks for more, or that it cannot read', () => {
    assert.ok(!selectsCardOnly(infoOf('{ _entities(representations: $r) { ... on Account { displayName login } } }')));
    assert.ok(!selectsCardOnly(infoOf('{ _entities(representations: $r) { ... on Account { disabledAt } } }')));
    assert.ok(!selectsCardOnly(infoOf('{ _entities(representations: $r) { ...Card } }')));
    assert.ok(!selectsCardOnly(infoOf('{ _entities(representations: $r) { ... on Other { displayName } } }')));
    assert.ok(!selectsCardOnly(undefined));
  });
});
