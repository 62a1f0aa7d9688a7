// `npm run bench:data-source`: the gateway's CPU per planned subgraph fetch, in its data source alone.
// A child process answers every POST with the same 20-entity `_entities` answer (its CPU is not
// counted); this process sends the same fetch through our ViewerDataSource, one at a time, and
// measures its own CPU per call. BENCH_PEER=<checkout>: that checkout's build (a git worktree) sends
// the same fetches through its ViewerDataSource, alternating with ours round by round: ours/peer.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { median } from './lib/report.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

async function side(name, checkout, url) {
  const { ViewerDataSource } = await import(`${checkout}/gateway/dist/src/viewer-data-source.js`);
  const { Replicas } = await import(`${checkout}/packages/kit/dist/src/index.js`);
  return { name, source: new ViewerDataSource(new Replicas([url])) };
}

const options = () => ({
  kind: 'incoming operation',
  request: {
    query:
      'query MyOrdersTracking__sacrifice__1($representations:[_Any!]!){_entities(representations:$representations){...on Order{sacrifices{id status performedAt animal{id species tag}site{id}}}}}',
    variables: { representations: Array.from({ length: 20 }, (_, i) => ({ __typename: 'Order', id: `o-${i}` })) },
    operationName: 'MyOrdersTracking__sacrifice__1',
  },
  context: { viewerToken: 'x'.repeat(300), requestId: 'bench-request' },
  incomingRequestContext: { overallCachePolicy: { restrict() {} } },
  pathInIncomingRequest: [],
});

async function cpuPerCall(source, calls) {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const answer = await source.process(options());
    if (answer.data?._entities?.length !== 20) throw new Error('incomplete answer');
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

async function main() {
  const server = fork(fileURLToPath(import.meta.url), ['serve']);
  const [port] = await once(server, 'message');
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    const sides = [await side('ours', root, url)];
    if (process.env.BENCH_PEER) sides.push(await side('peer', process.env.BENCH_PEER, url));
    for (const s of sides) await cpuPerCall(s.source, 3000); // warm-up: both sides optimized before measuring
    const rows = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? sides : [...sides].reverse();
      const got = {};
      for (const s of order) got[s.name] = await cpuPerCall(s.source, CALLS);
      rows.push(got);
    }
    console.log(
      `${CALLS} fetches per measurement, one at a time, ${ROUNDS} rounds; CPU ms per fetch in this process\n`,
    );
    console.log(`| round | ${sides.map((s) => s.name).join(' | ')}${sides.length > 1 ? ' | ours/peer' : ''} |`);
    console.log(`| --- | ${sides.map(() => '---').join(' | ')}${sides.length > 1 ? ' | ---' : ''} |`);
    rows.forEach((r, i) => {
      const ratio = r.peer ? ` | ${(r.ours / r.peer).toFixed(2)}` : '';
      console.log(`| ${i + 1} | ${sides.map((s) => r[s.name].toFixed(3)).join(' | ')}${ratio} |`);
    });
    if (sides.length > 1) {
      const ratio = median(rows.map((r) => r.ours / r.peer));
      console.log(`\nours/peer, median of the rounds: ${ratio.toFixed(2)}`);
    }
  } finally {
    server.kill();
  }
}

function serve() {
  const entity = (i) => ({
    __typename: 'Order',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    sacrifices: [1, 2].map((j) => ({
      id: `10000000-0000-4000-8000-${String(i * 10 + j).padStart(12, '0')}`,
      status: 'COMPLETED',
      performedAt: '2026-06-16T07:12:00.000Z',
      animal: { __typename: 'Animal', id: `a-${i}-${j}`, species: 'SHEEP', tag: `TAG-${i}-${j}` },
      site: { __typename: 'Site', id: 's-1' },
    })),
  });
  const body = JSON.stringify({ data: { _entities: Array.from({ length: 20 }, (_, i) => entity(i)) } });
  const server = createServer((req, res) => {
    req.resume();
    req.once('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
}

if (process.argv[2] === 'serve') serve();
else await main();
