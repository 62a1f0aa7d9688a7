// `npm run simulate`: a compressed season day through every step, driven through the gateway(s) with
// the SDK, on the processes `npm start` runs (bench/simulate/platform.mjs: the model service is a
// fixed-latency stand-in, or with --real-model the model service itself). Prints per-step throughput and latency, each queue's backlog over time,
// CPU and memory per process; with --faults, kills and freezes processes at random moments and counts
// every effect by id (lost and duplicated must both be 0). With --nats-cluster 3 the run has its own
// three-node JetStream cluster (the stream at R3), and the faults include its leader and another node.
// A long run (--minutes 30) is the soak: the process table gives each one's memory growth after warm-up.
// Writes the plot and the tables to --out.
// Usage (after `npm run build`): npm run simulate -- [--rate 600] [--minutes 5] [--faults 6]
//   [--fault-targets orchestrator,model,...] [--replicas 2] [--model-latency-ms 800] [--seed 1]
//   [--drain-minutes 10] [--sample-seconds 5] [--nats-cluster 3] [--real-model] [--netns] [--out dir] [--json file]
// --netns: the model service on its own network namespace, and the `model-net` fault drops packets to
// it with nftables (needs root, iproute2 and nftables).
// Needs PostgreSQL, Redis and NATS (as `npm start`) and ffmpeg.
import { connectNats } from '@qurbani/events';
import { startNatsCluster } from '@qurbani/events/testing/cluster';
import { makeClip, sha256File } from '@qurbani/kit/testing';
import { smppServer } from '@qurbani/notifier/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { entityCacheCounts, hitRates } from './lib/cache-hits.mjs';
import { teardown } from './lib/resources.mjs';
import { clientStats } from './simulate/api.mjs';
import { startStaffLoops } from './simulate/background.mjs';
import { countEffects } from './simulate/count.mjs';
import { openDatabases } from './simulate/db.mjs';
import { groupRuns, runFaults } from './simulate/faults.mjs';
import { journey } from './simulate/journey.mjs';
import { startPlatform } from './simulate/platform.mjs';
import { backlogSvg, backlogTable, countsTable, faultsTable, processTable, stepsTable } from './simulate/report.mjs';
import { startSampler } from './simulate/sampler.mjs';
import { makeNetns } from './simulate/netns.mjs';
import { makeWorld } from './simulate/world.mjs';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '600' },
    minutes: { type: 'string', default: '5' },
    faults: { type: 'string', default: '0' },
    'fault-targets': { type: 'string', default: '' },
    replicas: { type: 'string', default: '1' },
    'model-latency-ms': { type: 'string', default: '800' },
    'drain-minutes': { type: 'string', default: '10' },
    'sample-seconds': { type: 'string', default: '5' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    out: { type: 'string' },
    json: { type: 'string' },
    'nats-cluster': { type: 'string', default: '0' },
    'real-model': { type: 'boolean', default: false },
    netns: { type: 'boolean', default: false },
  },
});
const RATE = Number(args.rate);
const LOAD_MS = Number(args.minutes) * 60_000;
const JOURNEYS = Math.max(1, Math.round((RATE * LOAD_MS) / 3_600_000));
const FAULTS = Number(args.faults);
const CLUSTER = Number(args['nats-cluster']);
if (CLUSTER && CLUSTER !== 3) throw new Error('--nats-cluster: only a cluster of 3 is made (nats-server 2.9, R3)');
const MODEL = args['real-model'] ? 'the model service (real)' : `fixed-latency stand-in ${args['model-latency-ms']} ms`;
const say = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// mulberry32: the same seed gives the same fault moments and targets.
let seed = Number(args.seed) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const run = `s${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'qurbani-sim-'));
// The processes' own lines go to a file: the console is for the simulation's.
const logFile = join(dir, 'platform.log');
console.log = (...parts) => writeFileSync(logFile, `${parts.join(' ')}\n`, { flag: 'a' });
const settings = {
  baseUrl: process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432',
  natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

say(
  `season simulation ${run}: ${JOURNEYS} sacrifices at ${RATE}/h over ${args.minutes} min, ${FAULTS} faults, ${args.replicas} replica(s), model: ${MODEL}, NATS: ${CLUSTER ? 'own cluster of 3, R3' : settings.natsUrl}, seed ${args.seed}`,
);
const clipPath = await makeClip(join(dir, 'clip.mp4'), { seconds: 2, size: '160x120', fps: 10 });
const bytes = readFileSync(clipPath);
const clip = { bytes, size: bytes.length, sha256: await sha256File(clipPath), urls: new Map() };
const smsPassword = 'sim-smpp';
const sms = await smppServer({ password: smsPassword });
let platform;
let cluster;
let net;
let db;
let nats;
let exitCode = 0;
// Ctrl+C: stop the processes and remove what the run made, as at the end.
// Ctrl+C, or an error no step caught: stop the processes and remove what the run made, as at the end
// (they run in their own process groups and would outlive this one).
let shuttingDown = false;
async function shutdown(why, code) {
  if (shuttingDown) return;
  shuttingDown = true;
  say(`${why}: stopping`);
  await platform?.stop();
  if (settings.dbNames) await teardown(settings);
  await cluster?.stop();
  await net?.remove();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => shutdown(signal, 130));
process.on('uncaughtException', (error) => shutdown(`uncaught ${error.stack ?? error}`, 2));
process.on('unhandledRejection', (error) => shutdown(`unhandled ${error?.stack ?? error}`, 2));
try {
  if (CLUSTER) {
    cluster = await startNatsCluster();
    settings.natsUrl = cluster.url;
  }
  if (args.netns) net = await makeNetns(run);
  platform = await startPlatform({
    run,
    dir,
    replicas: Number(args.replicas),
    sms: { url: sms.url, password: smsPassword },
    clockOffsetMs: Date.parse('2026-05-27T05:00:00Z') - Date.now(),
    modelLatencyMs: Number(args['model-latency-ms']),
    realModel: args['real-model'],
    ...(cluster ? { natsUrl: cluster.url, streamReplicas: 3 } : {}),
    netns: net,
  });
  Object.assign(settings, {
    dbNames: platform.dbNames,
    streamName: platform.streamName,
    redisPrefix: platform.redisPrefix,
  });
  say(`platform up: ${Object.keys(platform.health).length} processes, gateways ${platform.gateways.join(' ')}`);
  db = openDatabases(settings.baseUrl, platform.dbNames);
  nats = await connectNats(settings.natsUrl);
  const world = await makeWorld(platform.gateways, { animals: JOURNEYS + 5 });

  const steps = new Map();
  // Each step's latency and the moment it ended: its throughput is over the time it was being done.
  const record = (step, ms) => (steps.get(step) ?? steps.set(step, []).get(step)).push({ ms, at: Date.now() });
  const journeys = [];
  const failures = [];
  const pinFor = (phone) =>
    sms.messages
      .filter((m) => m.to === phone)
      .map((m) => /\b(\d{4,8})\b/.exec(m.text)?.[1])
      .findLast(Boolean);
  const ctx = { gateways: platform.gateways, world, clip, db, record, journeys, pinFor, seed: args.seed };

  // What a fault should interrupt: a transcode, an analysis under way (else undefined: no such work).
  const busy = async (target) => {
    if (target.startsWith('video-worker')) return groupRuns(platform.pids()[target], 'ffmpeg');
    if (!target.startsWith('model')) return undefined;
    const [{ n }] = await db.rows(
      'orchestrator',
      `select count(*)::int as n from analysis where status = 'PENDING' and lease_until > now()`,
    );
    return n > 0;
  };
  // The sacrifice subgraph's entity cache over the whole run: reads and writes of a real season mix.
  const sacrificeMetrics = Object.entries(platform.metrics)
    .filter(([name]) => /^sacrifice(-\d+)?$/.test(name))
    .map(([, url]) => url);
  const cacheBefore = await entityCacheCounts(...sacrificeMetrics);
  const stopSampler = startSampler(platform, db, Number(args['sample-seconds']) * 1000);
  const samplerStart = Date.now();
  const stopStaff = startStaffLoops(world, record);
  const loadStart = Date.now();
  const faults = FAULTS
    ? runFaults(platform, {
        count: FAULTS,
        windowMs: LOAD_MS,
        targets: args['fault-targets'].split(',').filter(Boolean),
        bus: cluster && { cluster, nats, streamName: platform.streamName },
        busy,
        net,
        random,
        log: say,
      })
    : Promise.resolve([]);
  const running = [];
  for (let i = 0; i < JOURNEYS; i++) {
    await sleep(Math.max(0, loadStart + (i * LOAD_MS) / JOURNEYS - Date.now()));
    running.push(journey(i, ctx).catch((error) => failures.push({ n: i, error: error.message })));
    if (i % Math.max(1, Math.floor(JOURNEYS / 10)) === 0)
      say(
        `${((Date.now() - loadStart) / 1000).toFixed(0)} s: ${i + 1} started, ${journeys.filter((j) => j.finishedAt).length} finished`,
      );
  }
  const loadSeconds = (Date.now() - loadStart) / 1000;
  const loadEndS = (Date.now() - samplerStart) / 1000;
  const faultsDone = await faults;
  const drainDeadline = Date.now() + Number(args['drain-minutes']) * 60_000;
  await Promise.race([Promise.all(running), sleep(Math.max(0, drainDeadline - Date.now()))]);
  const lastFinish = Math.max(...journeys.map((j) => j.finishedAt ?? 0));
  await stopStaff();
  // Let the last notifications go out: every send final, every outbox relayed.
  while (Date.now() < drainDeadline) {
    const [{ n }] = await db.rows(
      'notifier',
      `select count(*)::int as n from send where state in ('PENDING', 'SENDING')`,
    );
    if (n === 0) break;
    await sleep(1000);
  }
  await sleep(3000);
  const samples = await stopSampler();
  const cacheAfter = await entityCacheCounts(...sacrificeMetrics);
  const counts = await countEffects({ journeys, db, nats, platform, sms });
  const lost = counts.kinds.reduce((a, k) => a + k.lost, 0);
  const duplicated = counts.kinds.reduce((a, k) => a + k.duplicated, 0);
  const finishedSeconds = (lastFinish - loadStart) / 1000;

  const title = `Backlog per queue: ${JOURNEYS} sacrifices at ${RATE}/h, ${FAULTS} faults`;
  const svg = backlogSvg(samples, {
    faults: faultsDone,
    faultStartS: (loadStart - samplerStart) / 1000,
    loadEndS,
    title,
  });
  const markdown = [
    `Season simulation ${run}: ${JOURNEYS} sacrifices offered at ${RATE}/h over ${loadSeconds.toFixed(0)} s; ${counts.finished} finished every step, the last ${finishedSeconds.toFixed(0)} s after the first started (${((counts.finished / finishedSeconds) * 3600).toFixed(0)}/h end to end); ${failures.length} journeys failed. Model: ${MODEL}. NATS: ${CLUSTER ? "the run's own three-node cluster, stream R3" : 'one server'}.${net ? ' The model service on its own network namespace.' : ''} ${args.replicas} replica(s). Clip ${clip.size} bytes (2 s, 160x120).`,
    `Entity cache of the sacrifice subgraph over the run: ${hitRates(cacheBefore, cacheAfter).join(', ')}.`,
    `Client side of the faults: ${clientStats.refusedRetries} refused calls retried, ${clientStats.ambiguous} ambiguous answers, ${clientStats.reconciled} found done before a retry, ${clientStats.gaveUp} given up.`,
    '',
    stepsTable(steps),
    '',
    backlogTable(samples, loadEndS),
    '',
    processTable(samples, (loadStart - samplerStart) / 1000 + LOAD_MS / 4000),
    '',
    ...(faultsDone.length ? [faultsTable(faultsDone), ''] : []),
    countsTable(counts.kinds),
    '',
    `Lost: ${lost}. Duplicated: ${duplicated}. SMS sent again by a send taken over after the notifier died between the provider's answer and its commit (SMPP has no idempotency key; docs/graph-contract.md, "Exactly once, precisely"): ${counts.resentAfterCrash}. Notification kinds seen: ${JSON.stringify(counts.notificationKinds)}`,
    ...(failures.length
      ? [
          '',
          `Failed journeys: ${failures
            .slice(0, 5)
            .map((f) => `#${f.n} ${f.error}`)
            .join('; ')}`,
        ]
      : []),
  ].join('\n');
  say(`\n${markdown}`);
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'simulation.md'), `${markdown}\n`);
    writeFileSync(join(args.out, 'backlog.svg'), svg);
    const memory = backlogSvg(samples, {
      faults: faultsDone,
      faultStartS: (loadStart - samplerStart) / 1000,
      loadEndS,
      title: `Memory (RSS MB) per process: ${JOURNEYS} sacrifices at ${RATE}/h`,
      field: 'rssMb',
    });
    writeFileSync(join(args.out, 'memory.svg'), memory);
    say(`\nwrote ${args.out}/simulation.md, backlog.svg and memory.svg`);
  }
  const result = {
    run,
    journeys: JOURNEYS,
    finished: counts.finished,
    unfinished: journeys.filter((j) => !j.finishedAt).map((j) => ({ n: j.n, step: j.step })),
    failures,
    lost,
    duplicated,
    resentAfterCrash: counts.resentAfterCrash,
    kinds: counts.kinds,
    faults: faultsDone,
    client: clientStats,
  };
  if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2));
  if (lost || duplicated || failures.length || counts.finished < JOURNEYS) exitCode = 1;
} catch (error) {
  say(`simulation failed: ${error.stack ?? error}`);
  say(`last platform lines:\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
  exitCode = 2;
} finally {
  await platform?.stop();
  await db?.close();
  await nats?.close();
  await sms.close();
  if (settings.dbNames) await teardown(settings);
  await cluster?.stop();
  await net?.remove();
  if (process.env.SIM_KEEP_LOGS) say(`platform log: ${logFile}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
