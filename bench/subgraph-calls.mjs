// `npm run bench:subgraph-calls`: the subgraph CPU of each call in the order-tracking plan, one call
// at a time (no queueing, no front), next to an empty `{ __typename }` on the same subgraph: where a
// tracking request's subgraph time goes, and how much of it is the fixed cost of a call.
// BENCH_PEER=<checkout>: that checkout's build (a git worktree of main) serves the same calls on its
// own host and data, alternating with ours round by round, and each row gets the ratio ours/peer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ORGANIZER, loadFixture } from './lib/fixture.mjs';
import { call, planCalls } from './lib/plan-calls.mjs';
import { cpuMs, PEER_RUNTIME, startOurGateway, startSubgraphHost, writeSupergraph } from './lib/processes.mjs';
import { analyzeDatabases, runSettings, teardown } from './lib/resources.mjs';
import { subgraphViewerToken } from './lib/tracking-query.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONFIG = { donors: 1, orders: Number(process.env.BENCH_ORDERS ?? 20) };
// BENCH_ONLY=sacrifice,delivery: probe (and profile, with BENCH_PROFILE) only those subgraphs' calls.
const ONLY = process.env.BENCH_ONLY?.split(',');

/** A subgraph host with the fixture loaded through a gateway of the same build, and the plan's calls. */
async function startSide(name, root, dir, running) {
  const settings = runSettings();
  running.push({ stop: () => teardown(settings) });
  const runtime = root ? PEER_RUNTIME : undefined;
  const host = await startSubgraphHost(settings, BENCH_ORGANIZER, root, undefined, undefined, runtime);
  running.push(host);
  const supergraph = writeSupergraph(dir, host.urls, root, `${name}.graphql`);
  const gateway = await startOurGateway(settings, supergraph, { root, runtime });
  const [donor] = await loadFixture(gateway.url, CONFIG, host.setClock).finally(() => gateway.stop());
  await analyzeDatabases(settings);
  const viewer = subgraphViewerToken(donor.id, settings.secrets.internalSecret);
  const calls = (await planCalls(host.urls, { first: CONFIG.orders }, viewer)).filter(
    (c) => !ONLY || ONLY.includes(c.subgraph),
  );
  return { name, host, viewer, calls };
}

/** CPU ms of the host per call over `CALLS` calls in a row, after a warm-up. */
async function cpuPerCall(pid, once) {
  for (let i = 0; i < 20; i++) await once();
  const before = cpuMs(pid);
  for (let i = 0; i < CALLS; i++) await once();
  return (cpuMs(pid) - before) / CALLS;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measureSide(side, i) {
  const c = side.calls[i];
  const url = side.host.urls[c.subgraph];
  return {
    empty: await cpuPerCall(side.host.pid, () => call(url, '{ __typename }', {}, side.viewer)),
    real: await cpuPerCall(side.host.pid, () => call(url, c.query, c.variables, side.viewer)),
  };
}

function printTable(sides, results) {
  const peer = sides.length > 1;
  console.log(`\n${CALLS} calls per measurement, one at a time, median of ${ROUNDS} rounds, ${CONFIG.orders} orders\n`);
  console.log(
    `| subgraph call | items | CPU ms/call | \`{ __typename }\` CPU ms/call |${peer ? ' peer CPU ms/call | peer `{ __typename }` | ours/peer |' : ''}`,
  );
  console.log(`| --- | --- | --- | --- |${peer ? ' --- | --- | --- |' : ''}`);
  const totals = sides.map(() => 0);
  sides[0].calls.forEach((c, i) => {
    const cells = sides.flatMap((_, s) => {
      const real = median(results[s][i].map((r) => r.real));
      totals[s] += real;
      return [real.toFixed(2), median(results[s][i].map((r) => r.empty)).toFixed(2)];
    });
    const size = c.variables.representations?.length ?? c.variables.first;
    const ratio = peer ? ` ${(Number(cells[0]) / Number(cells[2])).toFixed(2)} |` : '';
    console.log(`| ${c.subgraph} | ${size} | ${cells.join(' | ')} |${ratio}`);
  });
  const sum = peer
    ? `| **${totals[0].toFixed(2)}** | | **${totals[1].toFixed(2)}** | | **${(totals[0] / totals[1]).toFixed(2)}** |`
    : `| **${totals[0].toFixed(2)}** | |`;
  console.log(`| **the plan's calls together** | ${sum}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'qurbani-bench-'));
  const running = [];
  try {
    const sides = [await startSide('ours', undefined, dir, running)];
    if (process.env.BENCH_PEER) sides.push(await startSide('peer', process.env.BENCH_PEER, dir, running));
    sides[0].host.startProfile();
    const results = sides.map(() => sides[0].calls.map(() => []));
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < sides[0].calls.length; i++) {
        // Alternate who goes first, so neither side always runs right after the other.
        const order = r % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
        for (const s of order) results[s][i].push(await measureSide(sides[s], i));
      }
      process.stderr.write(`round ${r + 1} of ${ROUNDS} done\n`);
    }
    printTable(sides, results);
  } finally {
    for (const p of running.reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
