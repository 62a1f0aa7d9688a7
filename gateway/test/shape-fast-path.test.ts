import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { compileFastShape, NOT_PLAIN } from '../src/plan/shape-fast-path.js';
import { compileShaper, compileSteps } from '../src/plan/shape-response.js';

const schema = buildSchema(`
  scalar DateTime
  enum Status { OPEN CLOSED }
  interface Node { id: ID! }
  type Query { order(id: ID!): Order, orders: [Order!]!, node: Node }
  type Order implements Node {
    id: ID! count: Int status: Status! tags: [String!] price: Float paid: Boolean when: DateTime
    items: [[Item]] owner: Owner!
  }
  type Item { name: String! qty: Int }
  type Owner implements Node { id: ID! name: String }
`);

/** Aliases, `__typename` under other names, fragments on their own type, nested lists, every leaf kind. */
const PLAIN = `query {
  kind: __typename
  order(id: "1") { __typename ...Basics items { name amount: qty } owner { who: __typename id name } }
  orders { id status tags }
}
fragment Basics on Order { ident: id count status tags price paid when }`;

function parts(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of parsed.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { operation, fragments };
}

function compile(document: string, fastPath = true) {
  const { operation, fragments } = parts(document);
  return compileShaper(schema, operation, fragments, { fastPath });
}

/** The fast path alone, or null when the operation has a selection it leaves to the general shaper. */
function fastPathOf(document: string) {
  const { operation, fragments } = parts(document);
  const { root, steps } = compileSteps(schema, operation, fragments);
  return compileFastShape(steps, root);
}

const order = (id: string) => ({
  __typename: 'Order',
  ident: id,
  count: 3,
  status: 'OPEN',
  tags: ['a', 'b'],
  price: 1.5,
  paid: true,
  when: '2026-06-16T06:00:00Z',
  items: [[{ name: 'leg', amount: 2 }, null], []],
  owner: { who: 'Owner', id: 'o1', name: 'Amina' },
  extra: 'a key the plan fetched and the client did not ask for',
});
const plainData = () => ({ kind: 'Query', order: order('1'), orders: [{ id: '2', status: 'CLOSED', tags: null }] });

/** What a shaper gives, errors and thrown errors included, as the bytes a client would get. */
function outcome(shape: ReturnType<typeof compileShaper>, input: Record<string, unknown>): string {
  try {
    return JSON.stringify(shape(structuredClone(input), {}));
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

/** Every path to a value in `data`, objects and arrays included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

const ODD_VALUES = [
  null,
  undefined,
  0,
  7.5,
  -1,
  '',
  'x',
  'OPEN',
  'Order',
  'Owner',
  'Item',
  true,
  [],
  [null],
  {},
  { id: 1 },
];

describe("the shaper's fast path", () => {
  it('answers the plain case byte for byte as the general shaper does', () => {
    const fast = compile(PLAIN);
    const general = compile(PLAIN, false);
    const answer = outcome(fast, plainData());
    assert.equal(answer, outcome(general, plainData()));
    const fastOnly = fastPathOf(PLAIN);
    assert.ok(fastOnly, 'the operation takes the fast path');
    assert.notEqual(fastOnly(plainData()), NOT_PLAIN, 'and the plain data is its common case');
    assert.match(answer, /"order":\{"__typename":"Order","ident":"1","count":3/, 'fields in the operation order');
  });

  it('gives the same answer as the general shaper whatever value stands anywhere in the data', () => {
    const fast = compile(PLAIN);
    const general = compile(PLAIN, false);
    const every = paths(plainData()).filter((p) => p.length > 0);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...every), fc.constantFrom(...ODD_VALUES)), { minLength: 1, maxLength: 3 }),
        (changes) => {
          const data = plainData() as Record<string, unknown>;
          for (const [path, value] of changes) {
            let at: Record<string | number, unknown> | undefined = data;
            for (const key of path.slice(0, -1)) at = at?.[key] as Record<string | number, unknown> | undefined;
            if (at && typeof at === 'object') at[path.at(-1)!] = structuredClone(value);
          }
          assert.equal(outcome(fast, data), outcome(general, data), JSON.stringify(changes));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('leaves to the general shaper what needs a decision per request', () => {
    const cases = [
      `query($skip: Boolean!) { orders { id status @skip(if: $skip) } }`,
      `{ orders { id ... on Order { id } } }`,
      `{ node { id } }`,
      `{ node { ... on Order { status } } }`,
    ];
    for (const document of cases) {
      assert.equal(fastPathOf(document), null, document);
      const fast = compile(document);
      const general = compile(document, false);
      const data = { orders: [{ id: '1', status: 'OPEN' }], node: { __typename: 'Order', id: '1', status: 'OPEN' } };
      for (const variables of [{ skip: true }, { skip: false }])
        assert.equal(JSON.stringify(fast(data, variables)), JSON.stringify(general(data, variables)), document);
    }
  });
});
