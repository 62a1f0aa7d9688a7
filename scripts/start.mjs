// `npm start`: every subgraph (each applies its migrations on start), the scene detector (:4210),
// the Python model service (:4200, Debian's /usr/bin/python3), the AI orchestrator (:4300) and the notifier (:4310),
// then the gateway on :4000.
// Each port moves with its service's `<NAME>_PORT` variable (IDENTITY_PORT ... GATEWAY_PORT, MODEL_PORT).
// A process that dies is started again while the rest keep serving (scripts/supervisor.mjs).
// `REPLICAS=2` (or more) runs that many of each subgraph (the copies on <port>+10, +20...), of the
// video worker and of the gateway (GATEWAY_PORT+1..., operations port 9400+1...), all behind one service list,
// and of the model service, the orchestrator and the notifier (MODEL_PORT+1..., ORCHESTRATOR_PORT+1...,
// NOTIFIER_PORT+1...): the orchestrators call the model copies in turn, and share analyses and sends by leases.
// `GRAPH_PROCESSES=one` runs the six subgraphs in one process, `graph` (scripts/graph-host.mjs), on the
// same ports: on a small machine far less CPU per request (BENCHMARKS.md, "a process per subgraph").
import { randomBytes } from 'node:crypto';
import { Supervisor } from './supervisor.mjs';

const root = new URL('..', import.meta.url).pathname;
const subgraphs = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
// Each service reads `<NAME>_PORT` with these defaults (its env.ts); this script reads the same ones.
const DEFAULT_PORTS = {
  identity: 4101,
  donor: 4102,
  sacrifice: 4103,
  video: 4104,
  delivery: 4105,
  skin: 4106,
  gateway: 4000,
  model: 4200,
  detector: 4210,
  orchestrator: 4300,
  notifier: 4310,
};
const supervisor = new Supervisor();
// `npm run dev`: each Node service restarts when its compiled output changes (turbo watch rebuilds it).
const watch = process.argv.includes('--watch');
// A local run needs someone who can sign in: the demo organizer, unless the operator chose one.
const env = {
  BOOTSTRAP_ORGANIZER_LOGIN: 'organizer@demo.qurbani',
  BOOTSTRAP_ORGANIZER_PASSWORD: 'organizer-demo-pass',
  ...process.env,
};
const port = Object.fromEntries(
  Object.entries(DEFAULT_PORTS).map(([name, fallback]) => [
    name,
    Number(env[`${name.toUpperCase()}_PORT`] || fallback),
  ]),
);
const replicas = Math.max(1, Math.floor(Number(env.REPLICAS || 1)));
/** The port of a subgraph's `i`th copy (0: the service's own). */
const copyPort = (name, i) => port[name] + 10 * i;
const copies = Array.from({ length: replicas }, (_, i) => i);
// The supergraph names the default subgraph ports: tell the gateway where moved ones and copies
// listen, and the orchestrator where the model service is (unless the operator said so already).
const moved = subgraphs.filter((name) => port[name] !== DEFAULT_PORTS[name] || replicas > 1);
const urlsOf = (name) => copies.map((i) => `http://127.0.0.1:${copyPort(name, i)}/graphql`).join('|');
if (moved.length) env.SUBGRAPH_URLS ??= moved.map((name) => `${name}=${urlsOf(name)}`).join(',');
env.MODEL_URL ??= copies.map((i) => `http://127.0.0.1:${port.model + i}`).join('|');
// Every copy has its own database pool, and all must fit PostgreSQL's default 100 connections
// (with 10 each, two copies of everything reached the limit in the season simulation).
if (replicas > 1) env.DATABASE_POOL_MAX ??= String(Math.max(2, Math.floor(10 / replicas)));
// The notifier's pool follows its sends at once (8, plus 4): its copies share one's sends.
if (replicas > 1) env.NOTIFIER_CONCURRENCY ??= String(Math.max(2, Math.floor(8 / replicas)));
// Prometheus scrapes the gateway on its own operations port, off the public one (README, "Operate it").
env.GATEWAY_METRICS_PORT ??= '9400';

// The graph's processes allocate short-lived objects per request: a larger young generation keeps
// them out of repeated scavenges (as docker-compose.yml and deploy/kubernetes start them).
const GRAPH_FLAGS = ['--max-semi-space-size=64'];
const oneGraphProcess = env.GRAPH_PROCESSES === 'one';
const servesGraph = (name) => name === 'gateway' || name === 'graph' || subgraphs.includes(name);

const nodeArgs = (name, script) => [
  '--enable-source-maps',
  ...(servesGraph(name) ? GRAPH_FLAGS : []),
  ...(watch ? ['--watch'] : []),
  script,
];

function run(name, script, command = process.execPath, args = nodeArgs(name, script), cwd = root) {
  supervisor.run(name, command, args, { cwd, env });
}

/** Copy `i` (1, 2...) of a Node service, named `<name>-<i + 1>`, with its own variables (`REPLICAS`). */
function runCopy(name, i, script, vars) {
  supervisor.run(`${name}-${i + 1}`, process.execPath, nodeArgs(name, script), { cwd: root, env: { ...env, ...vars } });
}

async function ready(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
/** Every subgraph and its copies: a process each, or one process for all six (`GRAPH_PROCESSES=one`). */
async function startSubgraphs() {
  const portsOf = (i) =>
    Object.fromEntries(subgraphs.map((name) => [`${name.toUpperCase()}_PORT`, String(copyPort(name, i))]));
  if (oneGraphProcess) run('graph', 'scripts/graph-host.mjs');
  else for (const name of subgraphs) run(name, `subgraphs/${name}/dist/src/index.js`);
  await Promise.all(subgraphs.map((name) => ready(`http://127.0.0.1:${port[name]}/health/ready`)));
  // The copies share each subgraph's database, migrated by now; uploads share the directory and
  // tus' locks in Redis. Their restarts never migrate: the first copy's do.
  for (const i of copies.slice(1)) {
    if (oneGraphProcess) runCopy('graph', i, 'scripts/graph-host.mjs', { ...portsOf(i), MIGRATE_ON_START: 'false' });
    else
      for (const name of subgraphs)
        runCopy(name, i, `subgraphs/${name}/dist/src/index.js`, {
          [`${name.toUpperCase()}_PORT`]: String(copyPort(name, i)),
          MIGRATE_ON_START: 'false',
        });
  }
  await Promise.all(
    copies
      .slice(1)
      .flatMap((i) => subgraphs.map((name) => ready(`http://127.0.0.1:${copyPort(name, i)}/health/ready`))),
  );
}

async function startAll() {
  // Video preprocessing (ffmpeg) and the archive sweep run in their own process, as they would on
  // their own machines at scale; start more `video-worker`s to transcode faster.
  env.VIDEO_INLINE_WORKER ??= 'false';
  await startSubgraphs();
  if (env.VIDEO_INLINE_WORKER === 'false') {
    run('video-worker', 'subgraphs/video/dist/src/worker-main.js');
    const metrics = Number(env.VIDEO_WORKER_METRICS_PORT);
    for (const i of copies.slice(1))
      runCopy('video-worker', i, 'subgraphs/video/dist/src/worker-main.js', {
        ...(metrics ? { VIDEO_WORKER_METRICS_PORT: String(metrics + i) } : {}),
      });
  }
  // The model service reads the originals straight from the media store: let it read nothing else.
  // In a bucket (MEDIA_ROOT=s3://bucket/prefix) it gets presigned URLs, only below that bucket's URL
  // (path-style on S3_ENDPOINT; on AWS itself set MODEL_ALLOWED_URL_PREFIXES to the bucket's host).
  if (env.MEDIA_ROOT?.startsWith('s3://')) {
    const bucketPath = env.MEDIA_ROOT.slice('s3://'.length).replace(/\/$/, '');
    if (env.S3_ENDPOINT) env.MODEL_ALLOWED_URL_PREFIXES ??= `${env.S3_ENDPOINT.replace(/\/$/, '')}/${bucketPath}/`;
    env.MODEL_ALLOWED_DIRS ??= '';
  } else {
    env.MODEL_ALLOWED_DIRS ??= env.MEDIA_ROOT ? new URL(env.MEDIA_ROOT, `file://${root}`).pathname : `${root}var/media`;
  }
  // The model service answers only callers with its token (the orchestrator): a fresh one per run.
  env.MODEL_SERVICE_TOKEN ??= randomBytes(32).toString('base64url');
  // The scene detector (CenterNet COCO from @vladmandic/human, :4210) before the model service that calls it.
  // An operator's ONNX model (SCENE_MODEL_PATH) takes precedence in the model service.
  run('detector', 'services/detector/dist/src/index.js');
  await ready(`http://127.0.0.1:${port.detector}/health`);
  env.SCENE_DETECTOR_URL ??= `http://127.0.0.1:${port.detector}`;
  run('model', null, '/usr/bin/python3', ['-m', 'model_service'], `${root}services/model`);
  for (const i of copies.slice(1))
    supervisor.run(`model-${i + 1}`, '/usr/bin/python3', ['-m', 'model_service'], {
      cwd: `${root}services/model`,
      env: { ...env, MODEL_PORT: String(port.model + i) },
    });
  await Promise.all(copies.map((i) => ready(`http://127.0.0.1:${port.model + i}/health`)));
  // Copies of the orchestrator and the notifier share the work by leases and durable consumers.
  // Sends e-mail, SMS, WhatsApp and push through the providers its variables name (README, "Messages");
  // with none set, those channels end FAILED "no provider" in each notification's send log.
  for (const name of ['orchestrator', 'notifier']) {
    run(name, `services/${name}/dist/src/index.js`);
    await ready(`http://127.0.0.1:${port[name]}/health/ready`);
    for (const i of copies.slice(1))
      runCopy(name, i, `services/${name}/dist/src/index.js`, {
        [`${name.toUpperCase()}_PORT`]: String(port[name] + i),
        MIGRATE_ON_START: 'false',
      });
    await Promise.all(copies.slice(1).map((i) => ready(`http://127.0.0.1:${port[name] + i}/health/ready`)));
  }
  run('gateway', 'gateway/dist/src/index.js');
  await ready(`http://127.0.0.1:${port.gateway}/health/ready`);
  for (const i of copies.slice(1)) {
    runCopy('gateway', i, 'gateway/dist/src/index.js', {
      GATEWAY_PORT: String(port.gateway + i),
      // 0 picks a free port; a fixed one moves by the copy's number.
      GATEWAY_METRICS_PORT: String(Number(env.GATEWAY_METRICS_PORT) && Number(env.GATEWAY_METRICS_PORT) + i),
    });
    await ready(`http://127.0.0.1:${port.gateway + i}/health/ready`);
  }
}

try {
  await startAll();
  console.log(`Qurbani platform running: open http://localhost:${port.gateway}/graphql (Ctrl+C stops everything)`);
  if (replicas > 1)
    console.log(
      `${replicas} replicas: gateways on ports ${copies.map((i) => port.gateway + i).join(', ')}; SUBGRAPH_URLS=${env.SUBGRAPH_URLS}`,
    );
} catch (error) {
  // A service that never became ready (a port in use, a missing database): stop, saying which.
  console.error(`npm start: ${error.message}; stopping everything`);
  await stop(1);
}
