// One measured run: autocannon at a fixed concurrency against one front, plus the CPU time each
// process spent during it.
import autocannon from 'autocannon';
import { cpuMs, machineTicks } from './processes.mjs';

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/**
 * `variants` are {headers, body} pairs used in turn: Hive Gateway merges identical concurrent
 * subgraph calls, so no two requests in flight may be the same.
 */
export async function measure(front, variants, { connections, seconds, subgraphsPid }) {
  let next = 0;
  const latencies = [];
  const before = {
    front: cpuMs(front.pid),
    subgraphs: cpuMs(subgraphsPid),
    load: process.cpuUsage(),
    machine: machineTicks(),
  };
  const run = autocannon({
    url: front.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, ...variants[next++ % variants.length] }) }],
    verifyBody: (body) => !body.includes('"errors"'),
  });
  run.on('response', (_client, status, _bytes, ms) => status === 200 && latencies.push(ms));
  const result = await run;
  const load = process.cpuUsage(before.load);
  const machine = machineTicks();
  latencies.sort((a, b) => a - b);
  const cpu = (ms) => ms / result.duration / 10;
  const answered = latencies.length - result.mismatches;
  const perRequest = (ms) => ms / Math.max(1, answered);
  const frontMs = cpuMs(front.pid) - before.front;
  const subgraphsMs = cpuMs(subgraphsPid) - before.subgraphs;
  return {
    rps: answered / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    failed: result.non2xx + result.errors + result.timeouts + result.mismatches,
    frontCpuPct: cpu(frontMs),
    subgraphsCpuPct: cpu(subgraphsMs),
    loadCpuPct: cpu((load.user + load.system) / 1000),
    machineBusyPct: (100 * (machine.busy - before.machine.busy)) / (machine.total - before.machine.total),
    frontMsPerRequest: perRequest(frontMs),
    subgraphsMsPerRequest: perRequest(subgraphsMs),
  };
}
