// `npm run bench`: THE order-tracking query (a donor's orders with sacrifices, animals, sites,
// executors, videos, meat packs, deliveries and hides: six subgraphs, three plan steps) through
// our gateway, through Hive Gateway on the same supergraph, and straight from the subgraphs by hand.
// Fronts alternate within each round and ratios are taken per round. Everything the run creates
// (databases, stream, Redis keys, processes) is removed at the end. See BENCHMARKS.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entityCacheCounts, hitRates } from './lib/cache-hits.mjs';
import { BENCH_ORGANIZER, loadFixture } from './lib/fixture.mjs';
import { measure } from './lib/load.mjs';
import {
  restingCpuPct,
  startDirect,
  startHiveGateway,
  PEER_RUNTIME,
  startOurGateway,
  startSubgraphHost,
  subgraphUrlsEnv,
  writeSupergraph,
} from './lib/processes.mjs';
import { printReport } from './lib/report.mjs';
import { analyzeDatabases, runSettings, teardown } from './lib/resources.mjs';
import { subgraphViewerToken, TRACKING_QUERY, VIEWER_HEADER } from './lib/tracking-query.mjs';

const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const CONFIG = {
  donors: setting('BENCH_DONORS', 4),
  orders: setting('BENCH_ORDERS', 20),
  connections: setting('BENCH_CONNECTIONS', 10),
  seconds: setting('BENCH_SECONDS', 8),
  rounds: setting('BENCH_ROUNDS', 4),
  // BENCH_THINK_MS=<ms>: each connection is a donor who pauses that long on average (exponential)
  // after an answer before the next request, instead of sending it at once.
  thinkMs: process.env.BENCH_THINK_MS ? setting('BENCH_THINK_MS') : undefined,
  warmupSeconds: 3,
};
const TOKENS_PER_DONOR = 16;

function requestVariants(donors, secret) {
  const body = JSON.stringify({
    query: TRACKING_QUERY,
    operationName: 'MyOrdersTracking',
    variables: { first: CONFIG.orders },
  });
  const json = { 'content-type': 'application/json' };
  // Donors alternate, and each has several sign-ins, so no two requests in flight are the same.
  const viewers = Array.from({ length: TOKENS_PER_DONOR }).flatMap(() =>
    donors.map((d) => ({ headers: { ...json, [VIEWER_HEADER]: subgraphViewerToken(d.id, secret) }, body })),
  );
  return {
    ours: donors.map((d) => ({ headers: { ...json, authorization: `Bearer ${d.token}` }, body })),
    viewers,
  };
}

async function answer(url, { headers, body }) {
  return (await fetch(url, { method: 'POST', headers, body })).json();
}

/** The three fronts must give the same, complete answer before their speed means anything. */
async function checkSameAnswers(targets, donorCount) {
  for (let d = 0; d < donorCount; d++) {
    const [ours, ...others] = await Promise.all(
      targets.map((t) => answer(t.front.url, t.variants[d % t.variants.length])),
    );
    assert.equal(ours.errors, undefined, JSON.stringify(ours.errors));
    for (const [i, other] of others.entries())
      assert.deepEqual(other, ours, `${targets[i + 1].front.name} answers differently`);
    const sacrifices = ours.data.myOrders.edges.flatMap((e) => e.node.sacrifices.edges.map((s) => s.node));
    assert.equal(ours.data.myOrders.edges.length, CONFIG.orders);
    assert.ok(
      sacrifices.every((s) => s.executor && s.video && s.hide && s.meatPacks.length === 2),
      'every sacrifice has its executor, video, hide and packs',
    );
  }
}

async function benchmark(targets) {
  const options = { connections: CONFIG.connections, thinkMs: CONFIG.thinkMs };
  const of = (t, seconds) => ({ ...options, seconds, subgraphsPid: t.subgraphsPid });
  for (const t of targets) await measure(t.front, t.variants, of(t, CONFIG.warmupSeconds));
  const rounds = [];
  for (let r = 0; r < CONFIG.rounds; r++) {
    const round = {};
    // Rotate who goes first, so no front always runs right after the same neighbour.
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + r) % targets.length];
      round[t.front.name] = await measure(t.front, t.variants, of(t, CONFIG.seconds));
      process.stderr.write(`round ${r + 1} ${t.front.name}: ${round[t.front.name].rps.toFixed(1)} req/s\n`);
    }
    rounds.push(Object.fromEntries(targets.map((t) => [t.front.name, round[t.front.name]])));
  }
  return rounds;
}

/** The peer build: its own subgraph host, gateway and data; its answers must equal ours. */
async function startPeer(root, settings, dir, running) {
  // BENCH_PEER_SUBGRAPH_PROCESSES=each|one: the peer's subgraphs in another shape than ours (with
  // BENCH_PEER set to this checkout, the two shapes of the same build in the same rounds).
  const processes = process.env.BENCH_PEER_SUBGRAPH_PROCESSES ?? process.env.BENCH_SUBGRAPH_PROCESSES;
  const copies = Number(process.env.BENCH_GRAPH_COPIES ?? 1);
  const host = await startSubgraphHost(settings, BENCH_ORGANIZER, root, processes, copies, PEER_RUNTIME);
  running.push(host);
  const supergraph = writeSupergraph(dir, host.urls, root, 'peer-supergraph.graphql');
  const peer = await startOurGateway(settings, supergraph, {
    name: 'peer',
    root,
    runtime: PEER_RUNTIME,
    env: subgraphUrlsEnv(host.replicaUrls),
  });
  running.push(peer);
  process.stderr.write(`peer ${root}: loading the same data through its gateway\n`);
  // BENCH_PEER_FIXTURE=own: the peer's data loaded by its own bench/lib/fixture.mjs, for a build
  // older than today's fixture (no CSV import of animals, no site staff); same donors, orders and query.
  const load =
    process.env.BENCH_PEER_FIXTURE === 'own'
      ? (await import(join(root, 'bench/lib/fixture.mjs'))).loadFixture
      : loadFixture;
  const donors = await load(peer.url, CONFIG, host.setClock);
  await analyzeDatabases(settings);
  const target = {
    front: peer,
    variants: requestVariants(donors, settings.secrets.internalSecret).ours,
    subgraphsPid: host.pid,
  };
  const shape = (answer) => JSON.stringify(answer, (k, v) => (k === 'id' || /At$/.test(k) ? undefined : v));
  const [a, b] = await Promise.all([answer(peer.url, target.variants[0]), answer(peer.url, target.variants[0])]);
  assert.equal(a.errors, undefined, JSON.stringify(a.errors));
  assert.equal(shape(a), shape(b));
  return target;
}

async function main() {
  if (CONFIG.donors * CONFIG.orders > 100)
    throw new Error('BENCH_DONORS x BENCH_ORDERS must stay within 100 (one executor page)');
  const settings = runSettings();
  // BENCH_PEER=<checkout>: that checkout's build (e.g. a git worktree of main) runs too, with its own
  // subgraphs, gateway, databases and data, as the front "peer": before/after in the same run.
  const peerRoot = process.env.BENCH_PEER;
  const peerSettings = peerRoot ? runSettings() : null;
  // Two builds' pools (six subgraphs each) must fit PostgreSQL's max_connections (100 here) together.
  if (peerSettings) settings.poolMax = peerSettings.poolMax = 5;
  const dir = mkdtempSync(join(tmpdir(), 'qurbani-bench-'));
  const running = [];
  let cleaned;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const p of running.reverse()) await p.stop();
      await teardown(settings);
      if (peerSettings) await teardown(peerSettings);
      rmSync(dir, { recursive: true, force: true });
    })());
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const host = await startSubgraphHost(settings, BENCH_ORGANIZER);
    running.push(host);
    const supergraph = writeSupergraph(dir, host.urls);
    // BENCH_GRAPH_COPIES=2: two subgraph hosts (each core one), taken in turn by our gateway and the
    // hand-merged path; Hive has no list of URLs per subgraph and reads the first copy only.
    const ours = await startOurGateway(settings, supergraph, { env: subgraphUrlsEnv(host.replicaUrls) });
    running.push(ours);
    process.stderr.write(
      `run ${settings.run}: loading ${CONFIG.donors} donors x ${CONFIG.orders} orders through our gateway\n`,
    );
    const donors = await loadFixture(ours.url, CONFIG, host.setClock);
    await analyzeDatabases(settings);
    const hive = await startHiveGateway(dir, supergraph);
    running.push(hive);
    const direct = await startDirect(host.replicaUrls);
    running.push(direct);
    const variants = requestVariants(donors, settings.secrets.internalSecret);
    const targets = [
      { front: ours, variants: variants.ours, subgraphsPid: host.pid },
      { front: hive, variants: variants.viewers, subgraphsPid: host.pid },
      { front: direct, variants: variants.viewers, subgraphsPid: host.pid },
    ];
    // BENCH_APOLLO_EXECUTOR=1: our gateway once more, with @apollo/gateway's executor for every plan,
    // on the same subgraphs and data, as the front "apollo-exec": what our executor changes.
    if (process.env.BENCH_APOLLO_EXECUTOR) {
      const env = { GATEWAY_PLAN_EXECUTOR: 'apollo', ...subgraphUrlsEnv(host.replicaUrls) };
      const apolloExec = await startOurGateway(settings, supergraph, { name: 'apollo-exec', env });
      running.push(apolloExec);
      targets.push({ front: apolloExec, variants: variants.ours, subgraphsPid: host.pid });
    }
    // BENCH_PEER_GATEWAY=<checkout>: that checkout's gateway over the same subgraphs and data, as the
    // front "peer-gateway": a change to the gateway alone, weighed without a second subgraph host.
    if (process.env.BENCH_PEER_GATEWAY) {
      const env = subgraphUrlsEnv(host.replicaUrls);
      const root = process.env.BENCH_PEER_GATEWAY;
      const peerGateway = await startOurGateway(settings, supergraph, { name: 'peer-gateway', root, env });
      running.push(peerGateway);
      targets.push({ front: peerGateway, variants: variants.ours, subgraphsPid: host.pid });
    }
    await checkSameAnswers(targets, CONFIG.donors);
    if (peerRoot) targets.push(await startPeer(peerRoot, peerSettings, dir, running));
    const resting = await restingCpuPct(host.pid, 3000);
    host.startProfile();
    const sacrificeMetrics = host.replicaUrls.sacrifice.map((url) => url.replace(/\/graphql$/, '/metrics'));
    const cacheBefore = await entityCacheCounts(...sacrificeMetrics);
    printReport(
      {
        ...CONFIG,
        restingSubgraphsCpuPct: resting,
        subgraphProcesses: process.env.BENCH_SUBGRAPH_PROCESSES,
        graphCopies: host.copies,
        peerNode: peerRoot
          ? execFileSync(PEER_RUNTIME.execPath, ['--version'], { encoding: 'utf8' }).trim()
          : undefined,
      },
      await benchmark(targets),
    );
    const cacheAfter = await entityCacheCounts(...sacrificeMetrics);
    console.log(
      `\nEntity cache of the sacrifice subgraph over all fronts' rounds: ${hitRates(cacheBefore, cacheAfter).join(', ')}`,
    );
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
