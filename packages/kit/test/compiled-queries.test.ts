import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { ApolloServer } from '@apollo/server';
import { ServiceMetrics, rootLogger } from '@qurbani/telemetry';
import {
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { compiledQueries } from '../src/compiled-queries.js';
import { answerRequestError, badInput, formatError, Role, signViewerToken, VIEWER_HEADER } from '../src/index.js';
import { viewerOf } from '../src/testing/index.js';
import { graphqlRoute } from '../src/graphql-route.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';

/** A schema with the cases that matter: plain fields, a list, a domain error, a leak to mask, a non-null failure, a mutation. */
function testSchema(counts: { mutations: number }) {
  const Item = new GraphQLObjectType({
    name: 'Item',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLID) },
      weight: { type: GraphQLInt, resolve: async (item: { id: string }) => Number(item.id) * 2 },
      secret: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('select "phone" from "donor" where id = 7');
        },
      },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        viewerId: { type: GraphQLID, resolve: (_root, _args, context: { viewerId: string }) => context.viewerId },
        items: {
          type: new GraphQLList(new GraphQLNonNull(Item)),
          args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
          resolve: (_root, { first }: { first: number }) =>
            Array.from({ length: first }, (_, i) => ({ id: String(i + 1) })),
        },
        refused: {
          type: GraphQLString,
          resolve: () => {
            throw badInput('first must be between 1 and 100.', 'first');
          },
        },
        required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        bump: {
          type: GraphQLInt,
          resolve: () => {
            counts.mutations++;
            return 1;
          },
        },
      },
    }),
  });
}

interface Answer {
  status: number;
  type: string | null;
  body: unknown;
}

describe('queries run compiled, answered as Apollo Server answers them (compiledQueries)', () => {
  const counts = { mutations: 0 };
  const schema = testSchema(counts);
  const servers: http.Server[] = [];
  const urls: Record<'compiled' | 'apollo', string> = { compiled: '', apollo: '' };
  const compiledAnswers: boolean[] = [];
  const metrics = new ServiceMetrics('compiled-test');
  const viewer = viewerOf(Role.DONOR);
  const token = signViewerToken(viewer, secret);

  before(async () => {
    for (const side of ['compiled', 'apollo'] as const) {
      const apollo = new ApolloServer({ schema, formatError });
      await apollo.start();
      const answer = compiledQueries({ schema, formatError, metrics });
      const route = graphqlRoute({
        apollo,
        internalSecret: secret,
        context: (origin) => ({ viewerId: origin.viewer?.id }),
        ...(side === 'compiled'
          ? {
              compiled: async (...args: Parameters<typeof answer>) => {
                const answered = await answer(...args);
                compiledAnswers.push(answered);
                return answered;
              },
            }
          : {}),
      });
      const server = http.createServer((req, res) => {
        route(req, res).catch((error: unknown) => answerRequestError(error, res));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls[side] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    }
  });
  after(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  async function post(
    side: 'compiled' | 'apollo',
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(urls[side], {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VIEWER_HEADER]: token, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  }

  /** Both sides' answers, which must be the same, and whether the compiled path gave it. */
  async function both(body: unknown, headers?: Record<string, string>) {
    compiledAnswers.length = 0;
    const compiled = await post('compiled', body, headers);
    const byCompiled = compiledAnswers.at(-1) ?? false;
    const apollo = await post('apollo', body, headers);
    assert.deepEqual(compiled, apollo, `answers differ for ${JSON.stringify(body)}`);
    return { answer: compiled, byCompiled };
  }

  it('answers a query compiled, with the same status, type and data as Apollo, the viewer from the context', async () => {
    const query = 'query Items($first: Int!) { viewerId items(first: $first) { id weight } }';
    const { answer, byCompiled } = await both({ query, variables: { first: 3 }, operationName: 'Items' });
    assert.equal(byCompiled, true);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      data: {
        viewerId: viewer.id,
        items: [
          { id: '1', weight: 2 },
          { id: '2', weight: 4 },
          { id: '3', weight: 6 },
        ],
      },
    });
    // Compiled once, answered from the cache after.
    assert.equal((await both({ query, variables: { first: 1 }, operationName: 'Items' })).byCompiled, true);
  });

  it('formats errors as Apollo does: domain codes kept, anything else masked, null propagated', async (t) => {
    const logged = t.mock.method(rootLogger(), 'error', () => undefined);
    const refused = await both({ query: '{ refused viewerId }' });
    assert.equal(refused.byCompiled, true);
    assert.deepEqual(refused.answer.body, {
      errors: [
        {
          message: 'first must be between 1 and 100.',
          locations: [{ line: 1, column: 3 }],
          path: ['refused'],
          extensions: { code: 'BAD_USER_INPUT', field: 'first' },
        },
      ],
      data: { refused: null, viewerId: viewer.id },
    });
    const leak = await both({ query: '{ items(first: 1) { id secret } }' });
    assert.equal(leak.byCompiled, true);
    assert.doesNotMatch(JSON.stringify(leak.answer.body), /phone|donor|select/);
    assert.equal(logged.mock.callCount(), 2, 'the original is logged once per side');
    const required = await both({ query: '{ viewerId required }' });
    assert.equal(required.byCompiled, true);
    assert.equal((required.answer.body as { data: unknown }).data, null);
    mock.restoreAll();
  });

  it('leaves to Apollo what it must answer itself, and never runs a mutation twice', async (t) => {
    // Apollo logs the made-up persisted query's hash mismatch as unexpected.
    t.mock.method(rootLogger(), 'error', () => undefined);
    const cases: [string, unknown, Record<string, string>?][] = [
      ['a mutation', { query: 'mutation { bump }' }],
      ['a document that does not parse', { query: '{ items(first: ' }],
      ['a document that does not validate', { query: '{ nope }' }],
      ['variables that do not coerce', { query: 'query($n: Int!) { items(first: $n) { id } }', variables: { n: 'x' } }],
      ['missing variables', { query: 'query($n: Int!) { items(first: $n) { id } }' }],
      ['introspection', { query: '{ __schema { queryType { name } } }' }],
      ['an unknown operation name', { query: 'query A { viewerId }', operationName: 'B' }],
      ['two operations and no name', { query: 'query A { viewerId } query B { viewerId }' }],
      ['a persisted query', { query: '{ viewerId }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }],
      ['no query', { variables: {} }],
      [
        'a client preferring graphql-response+json',
        { query: '{ viewerId }' },
        { accept: 'application/graphql-response+json' },
      ],
    ];
    for (const [what, body, headers] of cases) {
      const { byCompiled } = await both(body, headers);
      assert.equal(byCompiled, false, what);
    }
    assert.equal(counts.mutations, 2, 'one mutation per side');
    mock.restoreAll();
  });

  it('counts compiled operations in the same metrics as Apollo’s plugin', async () => {
    await both({ query: 'query Counted { viewerId }', operationName: 'Counted' });
    const text = await metrics.registry.metrics();
    assert.match(text, /graphql_operations_total\{[^}]*operation="Counted"[^}]*type="query"[^}]*outcome="ok"[^}]*\} 1/);
  });
});
