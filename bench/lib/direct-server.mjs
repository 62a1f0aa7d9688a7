// Child process: the order-tracking answer fetched "straight from the subgraphs". It sends the
// requests of the gateway's query plan by hand (plan-calls.mjs) and merges them in plain JS: the
// floor any gateway is measured against.
import http from 'node:http';
import { collect, track } from './plan-calls.mjs';
import { VIEWER_HEADER } from './tracking-query.mjs';

// name → the URLs of its copies; a request's calls all go to one copy, the next request's to the next.
const replicaUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS);
const copies = Array.from({ length: replicaUrls.identity.length }, (_, i) =>
  Object.fromEntries(Object.entries(replicaUrls).map(([name, list]) => [name, list[i]])),
);
let turn = 0;

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET') return res.end('ok');
  let answer;
  try {
    answer = await track(
      copies[turn++ % copies.length],
      JSON.parse(await collect(req)).variables,
      req.headers[VIEWER_HEADER],
    );
  } catch (error) {
    answer = { errors: [{ message: error.message }] };
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(answer));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
