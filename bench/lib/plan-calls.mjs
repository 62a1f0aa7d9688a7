// The subgraph calls of the order-tracking query plan, sent by hand over node:http with a keep-alive
// agent: donor, then sacrifice, then skin, delivery, video and identity in parallel. Used by the
// hand-merged front (direct-server.mjs) and by the per-call probe (subgraph-calls.mjs).
import http from 'node:http';
import { VIEWER_HEADER } from './tracking-query.mjs';

const ORDERS = `query($first: Int, $after: String) { myOrders(first: $first, after: $after) {
  edges { cursor node { id species shareCount status paymentStatus shares { id index offeredFor } } }
  pageInfo { hasNextPage endCursor } } }`;
const SACRIFICES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Order {
  sacrifices(first: 7) { edges { node { id species status performedAt namesToPronounce
    animal { id tag species weightKg } site { id name region timeZone } executor { id } } } } } } }`;
const EXTRAS = {
  skin: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Sacrifice { hide { id status } } } }',
  delivery: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Sacrifice {
    meatPacks { id status delivery { id status eta deliveredAt } } } } }`,
  video:
    'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Sacrifice { video { id status sceneCheck nameCheck } } } }',
};
const ACCOUNTS =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Account { displayName } } }';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream
      .on('data', (c) => chunks.push(c))
      .on('end', () => resolve(Buffer.concat(chunks).toString()))
      .on('error', reject);
  });
}

function post(url, body, viewer) {
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    [VIEWER_HEADER]: viewer,
  };
  return new Promise((resolve, reject) => {
    http.request(url, { method: 'POST', agent, headers }, resolve).on('error', reject).end(body);
  }).then(collect);
}

/** One subgraph call; throws on a GraphQL error. */
export async function call(url, query, variables, viewer) {
  const body = JSON.parse(await post(url, JSON.stringify({ query, variables }), viewer));
  if (body.errors) throw new Error(`${url}: ${body.errors[0].message}`);
  return body.data;
}

const representations = (typename, ids) => ids.map((id) => ({ __typename: typename, id }));

/**
 * Every call of the plan for one viewer, each as `{ subgraph, query, variables }`, found by running
 * the plan once: the probe then repeats each call alone.
 */
export async function planCalls(urls, variables, viewer) {
  const { myOrders } = await call(urls.donor, ORDERS, variables, viewer);
  const orderIds = myOrders.edges.map((e) => e.node.id);
  const found = await call(urls.sacrifice, SACRIFICES, { representations: representations('Order', orderIds) }, viewer);
  const sacrifices = found._entities.flatMap((o) => o.sacrifices.edges.map((e) => e.node));
  const sacrificeRefs = {
    representations: representations(
      'Sacrifice',
      sacrifices.map((s) => s.id),
    ),
  };
  const executorIds = sacrifices.map((s) => s.executor?.id).filter(Boolean);
  return [
    { subgraph: 'donor', query: ORDERS, variables },
    { subgraph: 'sacrifice', query: SACRIFICES, variables: { representations: representations('Order', orderIds) } },
    ...Object.entries(EXTRAS).map(([subgraph, query]) => ({ subgraph, query, variables: sacrificeRefs })),
    { subgraph: 'identity', query: ACCOUNTS, variables: { representations: representations('Account', executorIds) } },
  ];
}

/** The tracking answer, fetched by the plan and merged in plain JS. */
export async function track(urls, variables, viewer) {
  const { myOrders } = await call(urls.donor, ORDERS, variables, viewer);
  const orders = myOrders.edges.map((e) => e.node);
  const entities = async (subgraph, query, typename, ids) =>
    ids.length
      ? (await call(urls[subgraph], query, { representations: representations(typename, ids) }, viewer))._entities
      : [];
  const found = await entities(
    'sacrifice',
    SACRIFICES,
    'Order',
    orders.map((o) => o.id),
  );
  orders.forEach((order, i) => (order.sacrifices = found[i].sacrifices));
  const sacrifices = orders.flatMap((o) => o.sacrifices.edges.map((e) => e.node));
  const sacrificeIds = sacrifices.map((s) => s.id);
  // One representation per sacrifice, duplicates included, as the gateway's plan sends them.
  const executors = sacrifices.map((s) => s.executor).filter(Boolean);
  const [extras, accounts] = await Promise.all([
    Promise.all(
      Object.entries(EXTRAS).map(([subgraph, query]) => entities(subgraph, query, 'Sacrifice', sacrificeIds)),
    ),
    entities(
      'identity',
      ACCOUNTS,
      'Account',
      executors.map((e) => e.id),
    ),
  ]);
  sacrifices.forEach((s, i) => extras.forEach((part) => Object.assign(s, part[i])));
  executors.forEach((e, i) => Object.assign(e, accounts[i]));
  return { data: { myOrders } };
}
