// One measured run: a fixed number of connections against one front (autocannon, or donors who pause
// between requests), plus the CPU time each process and PostgreSQL and Redis spent during it.
import autocannon from 'autocannon';
import { thinkingDonors } from './thinking-donors.mjs';
import { cpuMs, machineTicks, programsCpuMs, programsCpuMsSince } from './processes.mjs';

const STORES = ['postgres', 'redis-server'];

/** Each connection sends its next request as soon as an answer comes (autocannon). */
function closedLoop(url, variants, { connections, seconds, onResponse }) {
  let next = 0;
  const run = autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, ...variants[next++ % variants.length] }) }],
    verifyBody: (body) => !body.includes('"errors"'),
  });
  run.on('response', (_client, status, _bytes, ms) => status === 200 && onResponse(ms));
  return run;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/**
 * `variants` are {headers, body} pairs used in turn: Hive Gateway merges identical concurrent
 * subgraph calls, so no two requests in flight may be the same.
 */
export async function measure(front, variants, { connections, seconds, subgraphsPid, thinkMs }) {
  const latencies = [];
  const before = {
    front: cpuMs(front.pid),
    subgraphs: cpuMs(subgraphsPid),
    stores: programsCpuMs(STORES),
    load: process.cpuUsage(),
    machine: machineTicks(),
  };
  const onResponse = (ms) => latencies.push(ms);
  const result = await (thinkMs
    ? thinkingDonors(front.url, variants, { donors: connections, seconds, thinkMs, onResponse })
    : closedLoop(front.url, variants, { connections, seconds, onResponse }));
  const load = process.cpuUsage(before.load);
  const machine = machineTicks();
  latencies.sort((a, b) => a - b);
  const cpu = (ms) => ms / result.duration / 10;
  const answered = latencies.length - result.mismatches;
  const perRequest = (ms) => ms / Math.max(1, answered);
  const frontMs = cpuMs(front.pid) - before.front;
  const subgraphsMs = cpuMs(subgraphsPid) - before.subgraphs;
  const storesMs = programsCpuMsSince(before.stores, programsCpuMs(STORES));
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
    storesMsPerRequest: perRequest(storesMs),
  };
}
