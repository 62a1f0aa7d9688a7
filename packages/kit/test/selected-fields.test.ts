import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../src/index.js';

const schema = buildSchema(`
  type Video { id: ID! status: String! evidence: String sacrificeId: ID! }
  type Edge { node: Video! cursor: String! }
  type Connection { edges: [Edge!]! }
  type Query { video: Video videos: Connection! }
`);

/** The info graphql-js gives the resolver of `field` for `query`. */
function infoOf(query: string, field: 'video' | 'videos'): GraphQLResolveInfo {
  let seen: GraphQLResolveInfo | undefined;
  // The default resolver calls a function on the root value with (args, context, info).
  const capture = (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    seen = info;
    return null;
  };
  void execute({ schema, document: parse(query), rootValue: { [field]: capture } });
  return seen!;
}

describe('selectedFields: the properties a query reads of the entities a field returns', () => {
  const reads = { id: ['id'], status: ['status'], evidence: ['evidence'], sacrificeId: ['access'] };

  it('gives what each selected field reads, through fragments, with the key', () => {
    const info = infoOf(
      `{ video { __typename id ...V ... on Video { sacrificeId } } } fragment V on Video { status }`,
      'video',
    );
    const fields = selectedFields(info, { reads, always: ['access'] });
    assert.deepEqual(fields, ['access', 'id', 'status']);
    assert.equal(selectedFields(info, { reads }), fields, 'kept per field node: the same answer for every parent');
  });

  it("follows a connection's path to its nodes, and keeps fields under @skip", () => {
    const info = infoOf(`{ videos { edges { cursor node { id evidence @skip(if: true) } } } }`, 'videos');
    assert.deepEqual(selectedFields(info, { reads, path: ['edges', 'node'] }), ['evidence', 'id']);
  });

  it('asks for every column when a selected field is not listed (a resolver nobody checked)', () => {
    assert.equal(selectedFields(infoOf('{ video { id status } }', 'video'), { reads: { id: ['id'] } }), undefined);
    assert.equal(selectedFields(infoOf('{ video { id } }', 'video'), { reads: {} }), undefined);
  });
});
