// `npm run bench:gateway-cpu`: a front's own CPU per order-tracking request (all its threads, read
// from the scheduler in nanoseconds), with few requests in flight (BENCH_CONCURRENCY, default 2) and
// the fronts taking turns every 20 requests, so a few per cent of the gateway's work shows through
// the noise that `npm run bench` has at 10 connections. Fronts: our gateway, the hand-merged path, and
// with BENCH_PEER_GATEWAY=<checkout> that checkout's gateway, all over the same subgraph host and
// data; ratios are paired per round.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ORGANIZER, loadFixture } from './lib/fixture.mjs';
import { startDirect, startOurGateway, startSubgraphHost, subgraphUrlsEnv, writeSupergraph } from './lib/processes.mjs';
import { median } from './lib/report.mjs';
import { analyzeDatabases, runSettings, teardown } from './lib/resources.mjs';
import { subgraphViewerToken, TRACKING_QUERY, VIEWER_HEADER } from './lib/tracking-query.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const SLICE = 20;
const CONFIG = { donors: 4, orders: 20 };

const body = JSON.stringify({ query: TRACKING_QUERY, operationName: 'MyOrdersTracking', variables: { first: 20 } });
const json = { 'content-type': 'application/json' };

async function ask(url, headers) {
  const answer = await (await fetch(url, { method: 'POST', headers, body })).json();
  if (answer.errors || !answer.data?.myOrders?.edges?.length) throw new Error(`${url}: ${JSON.stringify(answer)}`);
}

/** CPU time of every thread of a process so far, in ms, from the scheduler's nanosecond counts. */
function threadsCpuMs(pid) {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`))
    ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e6;
}

/** `count` requests to the front, `CONCURRENCY` at a time; returns the front's CPU ms they took. */
async function slice(front, count) {
  let next = 0;
  const worker = async () => {
    while (next < count) await ask(front.url, front.headers[next++ % front.headers.length]);
  };
  const before = threadsCpuMs(front.pid);
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return threadsCpuMs(front.pid) - before;
}

/**
 * One round: the fronts take turns every `SLICE` requests, so a change in the machine's speed
 * (2 vCPUs shared with the rest of the run, and with whatever shares the host) falls on all alike.
 */
async function round(fronts) {
  const spent = Object.fromEntries(fronts.map((f) => [f.name, 0]));
  for (let done = 0; done < REQUESTS; done += SLICE)
    for (const front of fronts) spent[front.name] += await slice(front, SLICE);
  return Object.fromEntries(fronts.map((f) => [f.name, spent[f.name] / REQUESTS]));
}

async function main() {
  const settings = runSettings();
  const dir = mkdtempSync(join(tmpdir(), 'qurbani-bench-'));
  const running = [];
  try {
    const host = await startSubgraphHost(settings, BENCH_ORGANIZER);
    running.push(host);
    const supergraph = writeSupergraph(dir, host.urls);
    const env = subgraphUrlsEnv(host.replicaUrls);
    const ours = await startOurGateway(settings, supergraph, { env });
    running.push(ours);
    const donors = await loadFixture(ours.url, CONFIG, host.setClock);
    await analyzeDatabases(settings);
    const direct = await startDirect(host.replicaUrls);
    running.push(direct);
    const signedIn = donors.map((d) => ({ ...json, authorization: `Bearer ${d.token}` }));
    const viewers = donors.map((d) => ({
      ...json,
      [VIEWER_HEADER]: subgraphViewerToken(d.id, settings.secrets.internalSecret),
    }));
    const fronts = [
      { name: 'ours', url: ours.url, pid: ours.pid, headers: signedIn },
      { name: 'direct', url: direct.url, pid: direct.pid, headers: viewers },
    ];
    if (process.env.BENCH_PEER_GATEWAY) {
      const root = process.env.BENCH_PEER_GATEWAY;
      const peer = await startOurGateway(settings, supergraph, { name: 'peer-gateway', root, env });
      running.push(peer);
      fronts.push({ name: 'peer-gateway', url: peer.url, pid: peer.pid, headers: signedIn });
    }
    for (const front of fronts) await slice(front, 200);
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(await round(fronts));
      process.stderr.write(`round ${r + 1} of ${ROUNDS}: ${JSON.stringify(rounds.at(-1))}\n`);
    }
    report(fronts, rounds);
  } finally {
    for (const p of running.reverse()) await p.stop();
    await teardown(settings);
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(fronts, rounds) {
  const fixed = (x) => x.toFixed(3);
  console.log(
    `\nFront CPU ms per order-tracking request (${CONFIG.donors} donors x ${CONFIG.orders} orders), ` +
      `${REQUESTS} requests per front per round in turns of ${SLICE}, ${CONCURRENCY} in flight, ${ROUNDS} rounds, Node ${process.version}.\n`,
  );
  console.log('| front | median | rounds |\n| --- | --- | --- |');
  for (const { name } of fronts)
    console.log(
      `| ${name} | ${fixed(median(rounds.map((r) => r[name])))} | ${rounds.map((r) => fixed(r[name])).join(', ')} |`,
    );
  const ratio = (a, b) => {
    const each = rounds.map((r) => r[a] / r[b]);
    console.log(`- ${a}/${b}: median ${median(each).toFixed(3)} (rounds: ${each.map((x) => x.toFixed(2)).join(', ')})`);
  };
  console.log('\nPaired ratios (within each round):');
  ratio('ours', 'direct');
  if (rounds[0]['peer-gateway']) {
    ratio('ours', 'peer-gateway');
    ratio('peer-gateway', 'direct');
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
