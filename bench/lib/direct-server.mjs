// Child process: the order-tracking answer fetched "straight from the subgraphs". It sends the
// requests of the gateway's query plan by hand (plan-calls.mjs) and merges them in plain JS: the
// floor any gateway is measured against.
import http from 'node:http';
import { collect, track } from './plan-calls.mjs';
import { VIEWER_HEADER } from './tracking-query.mjs';

const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS);

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET') return res.end('ok');
  let answer;
  try {
    answer = await track(urls, JSON.parse(await collect(req)).variables, req.headers[VIEWER_HEADER]);
  } catch (error) {
    answer = { errors: [{ message: error.message }] };
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(answer));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
