// `npm run bench:live`: a driver's position report -> every subscriber following that delivery.
// Phones send BENCH_RATES reports/s (default 250, 500 then 1,000), one fix each, to the gateway's POST /positions,
// over BENCH_ROUTES routes (default 500) with one delivery out for delivery each; BENCH_SUBSCRIBERS
// graphql-ws connections (default 2,000) follow those deliveries through the same gateway: three of
// the donor's devices and the family's link each.
// 1. Latency p50/p99 at those rates with a position-only selection (answered from the signal).
// 2. Cost of a cross-subgraph payload (the delivery, the family's region, the pack, the sacrifice's
//    animal: one follow-up query through the gateway per event and permission scope) against the
//    position-only one, at BENCH_COMPARE_RATE reports/s (default 50).
// BENCH_VIA=graphql sends the reports as the reportPositions mutation to the gateway instead;
// BENCH_VIA=delivery straight to the delivery subgraph's /positions (as the gateway forwards them);
// BENCH_VIA=signal publishes the position signals on NATS as the delivery subgraph would: the
// gateway's live side alone.
// Processes: the gateway; the delivery subgraph; the five other subgraphs; the subscribers; this one
// (the phones). Everything the run creates is removed at the end. See BENCHMARKS.md.
import { connect } from '@nats-io/transport-node';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ORGANIZER, loadFixture } from './lib/fixture.mjs';
import { deliveriesOnTheirWay } from './lib/live-fixture.mjs';
import { cpuMs, machineTicks, restingCpuPct, startOurGateway, writeSupergraph } from './lib/processes.mjs';
import { runSettings, teardown } from './lib/resources.mjs';

// BENCH_LAG=1: the subgraphs' event-loop delay and GC every 2 s, every process's stalls and long GCs
// (lib/lag-probe.cjs, preloaded into each), and the slow reports by when they were sent.
const LAG = !!process.env.BENCH_LAG;
if (LAG) {
  const probe = new URL('./lib/lag-probe.cjs', import.meta.url).pathname;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim();
  createRequire(import.meta.url)(probe);
}
const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const CONFIG = {
  routes: setting('BENCH_ROUTES', 500),
  /** Report rates measured with the position-only selection, the last one the headline. */
  rates: (process.env.BENCH_RATES ?? '250,500,1000').split(',').map(Number),
  subscribers: setting('BENCH_SUBSCRIBERS', 2000),
  seconds: setting('BENCH_SECONDS', 10),
  compareRate: setting('BENCH_COMPARE_RATE', 50),
  compareSeconds: setting('BENCH_COMPARE_SECONDS', 10),
  via: process.env.BENCH_VIA ?? 'gateway',
};

const POSITION_ONLY = `subscription($d: ID!) { driverPosition(deliveryId: $d) { deliveryId lat lng fixTime speed eta } }`;
const CROSS_SUBGRAPH = `subscription($d: ID!) { driverPosition(deliveryId: $d) {
  lat lng fixTime eta
  delivery { id status recipient { region householdSize } packs { weightKg sacrifice { id species animal { tag species } } } }
} }`;
const REPORT = `mutation($r: ID!, $p: [PositionInput!]!) { reportPositions(routeId: $r, points: $p) { accepted } }`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** A child process that answers one message per request (`{ urls }`, `{ ready }`, reports...). */
function child(script, env) {
  const proc = fork(new URL(script, import.meta.url).pathname, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`${script} exited with code ${code}`));
      proc.once('exit', onExit);
      proc.once('message', (m) => {
        proc.off('exit', onExit);
        resolve(m);
      });
    });
  return {
    proc,
    next,
    ask: (message) => {
      const answer = next();
      proc.send(message);
      return answer;
    },
    stop: (graceMs = 15_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      if (proc.connected) proc.send('close');
      const force = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      return exited.finally(() => clearTimeout(force));
    },
  };
}

/** The phones: one fix per request, each with its driver's access token, to the gateway. */
class Phones {
  constructor(gatewayUrl, deliveryUrl, deliveries, nats) {
    this.nats = nats;
    this.url = new URL(
      CONFIG.via === 'graphql' ? '/graphql' : '/positions',
      CONFIG.via === 'delivery' ? deliveryUrl : gatewayUrl,
    );
    // A connection per route, as each phone has its own.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: deliveries.length });
    this.routes = deliveries.map((d) => ({ ...d, lat: d.start.lat, last: 0 }));
    this.next = 0;
    this.failed = 0;
    this.inflight = 0;
    /** Round trip of each report (request to answer), ms. */
    this.answered = [];
    /** With BENCH_LAG: [sent at (epoch ms), round trip ms] of each report slower than 50 ms. */
    this.slow = [];
  }

  send() {
    const route = this.routes[this.next++ % this.routes.length];
    // A few metres further each time; the fix time is "now", strictly after the route's last one.
    route.lat += 0.00003;
    route.last = Math.max(Date.now(), route.last + 1);
    const points = [
      {
        lat: Number(route.lat.toFixed(6)),
        lng: route.start.lng,
        fixTime: new Date(route.last).toISOString(),
        accuracy: 6,
        speed: 7,
      },
    ];
    if (CONFIG.via === 'signal') {
      const { nc, prefix } = this.nats;
      nc.publish(
        `${prefix}.live.position.${route.deliveryId}`,
        JSON.stringify({
          ...points[0],
          routeId: route.routeId,
          deliveryId: route.deliveryId,
          eta: null,
          at: new Date().toISOString(),
        }),
      );
      return;
    }
    const body = JSON.stringify(
      CONFIG.via === 'graphql'
        ? { query: REPORT, variables: { r: route.routeId, p: points } }
        : { routeId: route.routeId, points },
    );
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(CONFIG.via === 'delivery'
        ? { 'x-qurbani-viewer': route.driverViewer }
        : { authorization: `Bearer ${route.driverToken}` }),
    };
    this.inflight++;
    const sentAt = performance.now();
    const attempt = (retry) => {
      const request = http.request(this.url, { method: 'POST', agent: this.agent, headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          this.inflight--;
          const roundTrip = performance.now() - sentAt;
          this.answered.push(roundTrip);
          if (LAG && roundTrip > 50) this.slow.push([Date.now() - roundTrip, roundTrip]);
          if (!/"accepted":\s*1/.test(text)) {
            this.failed++;
            if (this.failed <= 3)
              console.error(`report not accepted (HTTP ${response.statusCode}): ${text.slice(0, 300)}`);
          }
        });
      });
      request.on('error', (error) => {
        // A kept-alive connection the server closed while idle: a phone sends again, once.
        if (retry && error.code === 'ECONNRESET') return attempt(false);
        this.inflight--;
        if (++this.failed <= 3) console.error(`report failed: ${error.message}`);
      });
      request.end(body);
    };
    attempt(true);
  }

  /** `rate` reports a second for `seconds`, evenly: every 5 ms, what is due. */
  async run(rate, seconds) {
    const start = performance.now();
    const total = Math.round(rate * seconds);
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        this.send();
        sent++;
      }
      await sleep(5);
    }
    const elapsed = (performance.now() - start) / 1000;
    while (this.inflight > 0) await sleep(5);
    return { sent, seconds: elapsed };
  }
}

async function startSubscribers(gatewayUrl, deliveries, query, fourth, settings) {
  const subscribers = child('./lib/live-subscribers.mjs', {});
  await subscribers.ask({
    gatewayUrl,
    query,
    fourth,
    count: CONFIG.subscribers,
    accessTokenSecret: settings.secrets.accessTokenSecret,
    deliveries: deliveries.map(({ deliveryId, donorId, linkToken }) => ({ deliveryId, donorId, linkToken })),
  });
  return subscribers;
}

/** Reports until every subscriber has had an event: every subscription is then in place. */
async function warmUp(phones, subscribers, rate, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await phones.run(rate, 1);
    await sleep(300);
    const { silent } = await subscribers.ask('report');
    if (silent === 0) return;
    if (Date.now() > deadline) throw new Error(`${silent} subscribers never got an event`);
  }
}

/** CPU a process uses doing nothing (pollers, timers), in % of a core: subtracted from ms/report. */
async function resting(pids) {
  await sleep(500);
  const [gateway, delivery] = await Promise.all([
    restingCpuPct(pids.gateway, 3000),
    restingCpuPct(pids.delivery, 3000),
  ]);
  return { gateway, delivery };
}

/** The reports slower than 50 ms by the 100 ms in which they were sent: to lay next to the LAG lines. */
function printSlowReports(phones) {
  const byTenth = new Map();
  for (const [sentAt, ms] of phones.slow) {
    const tenth = new Date(sentAt).toISOString().slice(11, 21);
    const [count, max] = byTenth.get(tenth) ?? [0, 0];
    byTenth.set(tenth, [count + 1, Math.max(max, ms)]);
  }
  for (const [tenth, [count, max]] of [...byTenth].sort())
    console.error(`SLOW ${tenth} ${count} reports sent, slowest ${max.toFixed(0)} ms`);
  phones.slow = [];
}

async function measure(name, phones, subscribers, rate, seconds, pids, idle) {
  await subscribers.ask('mark');
  phones.failed = 0;
  phones.answered = [];
  const before = {
    gateway: cpuMs(pids.gateway),
    delivery: cpuMs(pids.delivery),
    others: cpuMs(pids.others),
    subscribers: cpuMs(subscribers.proc.pid),
    phones: process.cpuUsage(),
    machine: machineTicks(),
  };
  const run = await phones.run(rate, seconds);
  await sleep(1500); // the last events in flight
  const report = await subscribers.ask('report');
  const machine = machineTicks();
  const used = (pid, key) => cpuMs(pid) - before[key];
  const phonesCpu = process.cpuUsage(before.phones);
  const latencies = report.latencies.sort((a, b) => a - b);
  const expected = run.sent * (CONFIG.subscribers / phones.routes.length);
  const pct = (ms) => Math.round((ms / ((run.seconds + 1.5) * 1000)) * 100);
  console.error(`${name} at ${rate}/s: ${latencies.length} events, ${report.errors} errors`);
  if (LAG) printSlowReports(phones);
  const wallMs = (run.seconds + 1.5) * 1000;
  const gatewayMs = used(pids.gateway, 'gateway');
  const deliveryMs = used(pids.delivery, 'delivery');
  const net = (ms, restingPct) => Math.max(0, ms - (restingPct / 100) * wallMs) / run.sent;
  return {
    payload: name,
    'reports/s': Math.round(run.sent / run.seconds),
    'events/s': Math.round(latencies.length / run.seconds),
    delivered: `${((latencies.length / expected) * 100).toFixed(1)}%`,
    'p50 ms': percentile(latencies, 50).toFixed(1),
    'p99 ms': percentile(latencies, 99).toFixed(1),
    'max ms': latencies.at(-1)?.toFixed(1) ?? '-',
    'report answered p50/p99 ms': (() => {
      const a = phones.answered.sort((x, y) => x - y);
      return a.length ? `${percentile(a, 50).toFixed(1)}/${percentile(a, 99).toFixed(1)}` : '-';
    })(),
    'failed reports': phones.failed,
    'gateway CPU %': pct(gatewayMs),
    'gateway CPU ms/report': net(gatewayMs, idle.gateway).toFixed(3),
    'delivery CPU %': pct(deliveryMs),
    'delivery CPU ms/report': net(deliveryMs, idle.delivery).toFixed(3),
    'other subgraphs CPU %': pct(used(pids.others, 'others')),
    'subscribers CPU %': pct(used(subscribers.proc.pid, 'subscribers')),
    'phones CPU %': pct((phonesCpu.user + phonesCpu.system) / 1000),
    'machine busy %': Math.round(((machine.busy - before.machine.busy) / (machine.total - before.machine.total)) * 100),
  };
}

function printTable(rows) {
  const keys = Object.keys(rows[0]);
  console.log(`| ${keys.join(' | ')} |\n| ${keys.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${keys.map((k) => row[k]).join(' | ')} |`);
}

const settings = runSettings();
const dir = mkdtempSync(join(tmpdir(), 'qurbani-live-bench-'));
const stoppers = [];
try {
  console.error(`live-positions bench ${settings.run}: ${JSON.stringify(CONFIG)}`);
  const hostEnv = (names) => ({
    BENCH_SETTINGS: JSON.stringify(settings),
    BENCH_ORGANIZER: JSON.stringify(BENCH_ORGANIZER),
    BENCH_SUBGRAPHS: names,
  });
  const others = child('./lib/live-subgraph-host.mjs', hostEnv('identity,donor,sacrifice,video,skin'));
  stoppers.push(() => others.stop());
  const delivery = child('./lib/live-subgraph-host.mjs', hostEnv('delivery'));
  stoppers.push(() => delivery.stop());
  const urls = { ...(await others.next()).urls, ...(await delivery.next()).urls };
  const gateway = await startOurGateway(settings, writeSupergraph(dir, urls));
  stoppers.unshift(() => gateway.stop());
  const pids = { gateway: gateway.pid, delivery: delivery.proc.pid, others: others.proc.pid };

  console.error('loading donors, orders and sacrifices...');
  const donors = await loadFixture(gateway.url, { donors: 4, orders: 5 }, (clock) => others.ask({ clock }));
  console.error(`loading ${CONFIG.routes} deliveries out for delivery...`);
  const deliveries = await deliveriesOnTheirWay(gateway.url, settings, donors, CONFIG.routes);
  const nats =
    CONFIG.via === 'signal'
      ? { nc: await connect({ servers: settings.natsUrl }), prefix: settings.subjectPrefix }
      : null;
  if (nats) stoppers.push(() => nats.nc.drain());
  const phones = new Phones(gateway.url, urls.delivery, deliveries, nats);
  const rows = [];

  console.error(`${CONFIG.subscribers} subscribers, position-only selection...`);
  let subscribers = await startSubscribers(gateway.url, deliveries, POSITION_ONLY, 'link', settings);
  stoppers.unshift(() => subscribers.stop());
  await warmUp(phones, subscribers, CONFIG.routes);
  const idle = await resting(pids);
  console.error(`at rest: gateway ${idle.gateway.toFixed(1)}%, delivery ${idle.delivery.toFixed(1)}% of a core`);
  for (const rate of CONFIG.rates) {
    console.error(`${new Date().toISOString().slice(11, 19)} measuring ${rate} reports/s for ${CONFIG.seconds} s...`);
    rows.push(await measure('position only', phones, subscribers, rate, CONFIG.seconds, pids, idle));
    await sleep(2000);
  }
  if (CONFIG.compareSeconds > 0) {
    console.error(`measuring ${CONFIG.compareRate} reports/s for ${CONFIG.compareSeconds} s...`);
    rows.push(
      await measure('position only', phones, subscribers, CONFIG.compareRate, CONFIG.compareSeconds, pids, idle),
    );
  }
  await subscribers.stop();

  if (CONFIG.compareSeconds > 0) {
    // The family's link may not see the donor's sacrifice: the fourth subscriber is an organizer here.
    console.error(`${CONFIG.subscribers} subscribers, cross-subgraph selection...`);
    subscribers = await startSubscribers(gateway.url, deliveries, CROSS_SUBGRAPH, 'organizer', settings);
    await warmUp(phones, subscribers, CONFIG.compareRate);
    console.error(`measuring ${CONFIG.compareRate} reports/s for ${CONFIG.compareSeconds} s...`);
    rows.push(
      await measure('cross-subgraph', phones, subscribers, CONFIG.compareRate, CONFIG.compareSeconds, pids, idle),
    );
  }
  printTable(rows);
} finally {
  for (const stop of stoppers) await stop().catch(() => undefined);
  await teardown(settings);
  rmSync(dir, { recursive: true, force: true });
}
