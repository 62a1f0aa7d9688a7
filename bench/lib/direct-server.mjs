// Child process: the order-tracking answer fetched "straight from the subgraphs". It sends the
// requests of the gateway's query plan (donor, then sacrifice, then skin, delivery, video and
// identity in parallel) and merges them in plain JS: the floor any gateway is measured against.
import http from 'node:http';
import { VIEWER_HEADER } from './tracking-query.mjs';

const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS);

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

// node:http with a keep-alive agent, like our gateway's data source but without node-fetch: the
// floor should carry no client overhead that a hand-written service would avoid.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function collect(stream) {
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

async function call(subgraph, query, variables, viewer) {
  const body = JSON.parse(await post(urls[subgraph], JSON.stringify({ query, variables }), viewer));
  if (body.errors) throw new Error(`${subgraph}: ${body.errors[0].message}`);
  return body.data;
}

const entities = async (subgraph, query, typename, ids, viewer) =>
  ids.length
    ? (await call(subgraph, query, { representations: ids.map((id) => ({ __typename: typename, id })) }, viewer))
        ._entities
    : [];

async function track(variables, viewer) {
  const { myOrders } = await call('donor', ORDERS, variables, viewer);
  const orders = myOrders.edges.map((e) => e.node);
  const found = await entities(
    'sacrifice',
    SACRIFICES,
    'Order',
    orders.map((o) => o.id),
    viewer,
  );
  orders.forEach((order, i) => (order.sacrifices = found[i].sacrifices));
  const sacrifices = orders.flatMap((o) => o.sacrifices.edges.map((e) => e.node));
  const sacrificeIds = sacrifices.map((s) => s.id);
  // One representation per sacrifice, duplicates included, as the gateway's plan sends them.
  const executors = sacrifices.map((s) => s.executor).filter(Boolean);
  const [extras, accounts] = await Promise.all([
    Promise.all(
      Object.entries(EXTRAS).map(([subgraph, query]) => entities(subgraph, query, 'Sacrifice', sacrificeIds, viewer)),
    ),
    entities(
      'identity',
      ACCOUNTS,
      'Account',
      executors.map((e) => e.id),
      viewer,
    ),
  ]);
  sacrifices.forEach((s, i) => extras.forEach((part) => Object.assign(s, part[i])));
  executors.forEach((e, i) => Object.assign(e, accounts[i]));
  return { data: { myOrders } };
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET') return res.end('ok');
  let answer;
  try {
    answer = await track(JSON.parse(await collect(req)).variables, req.headers[VIEWER_HEADER]);
  } catch (error) {
    answer = { errors: [{ message: error.message }] };
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(answer));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
