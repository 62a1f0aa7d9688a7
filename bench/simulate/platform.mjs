// The platform as `npm start` runs it (scripts/start.mjs), under the same Supervisor, on the run's own
// ports, databases, stream, Redis prefix and media folder, with two differences the simulation needs:
// the model service is the fixed-latency stand-in (model-standin.mjs; no detector) unless `realModel`,
// and the sacrifice subgraph's clock is inside the 1447 window (sacrifice-in-season.mjs). Its
// processes are real ones: a fault kills them with a signal and the Supervisor starts them again.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Supervisor } from '../../scripts/supervisor.mjs';
import { freePort } from '../lib/free-port.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const SERVICES = [...SUBGRAPHS, 'orchestrator', 'notifier'];
const MODEL_DIR = join(root, 'services/model');
export const ORGANIZER = { login: 'organizer@sim.qurbani', password: 'organizer-sim-pass' };

const copyName = (name, i) => (i ? `${name}-${i + 1}` : name);

async function ready(url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}

/**
 * Starts every process. `options`: run (a short id), dir (media), replicas, sms (the SMPP server's
 * url and password), clockOffsetMs, modelLatencyMs, realModel (the Python model service and the scene
 * detector instead of the stand-in), natsUrl and streamReplicas (the run's own cluster), netns (the
 * model service runs in that network namespace, netns.mjs, reached over its link).
 */
export async function startPlatform({
  run,
  dir,
  replicas = 1,
  sms,
  clockOffsetMs,
  modelLatencyMs,
  realModel = false,
  natsUrl,
  streamReplicas = 1,
  netns,
}) {
  const port = {};
  for (const name of [...SERVICES, 'model', 'detector']) port[name] = await freePort();
  const copyPorts = {};
  for (const name of [...SERVICES, 'model'])
    copyPorts[name] = [port[name], ...(await Promise.all(Array.from({ length: replicas - 1 }, freePort)))];
  const gatewayPorts = [await freePort(), ...(await Promise.all(Array.from({ length: replicas - 1 }, freePort)))];
  const metricsPorts = await Promise.all(gatewayPorts.map(freePort));
  const workerMetricsPorts = await Promise.all(Array.from({ length: replicas }, freePort));
  const streamName = `QURBANI_SIM_${run.toUpperCase()}`;
  const dbNames = Object.fromEntries(SERVICES.map((name) => [name, `qurbani_${name}_sim_${run}`]));
  const media = join(dir, 'media');
  mkdirSync(media, { recursive: true });
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    // Every copy of every service has its own pool: together they must fit PostgreSQL's 100 connections.
    DATABASE_POOL_MAX: '4',
    // The notifier's pool is its sends at once + 4: its copies share the 8 sends of one.
    NOTIFIER_CONCURRENCY: String(Math.max(2, Math.floor(8 / replicas))),
    BOOTSTRAP_ORGANIZER_LOGIN: ORGANIZER.login,
    BOOTSTRAP_ORGANIZER_PASSWORD: ORGANIZER.password,
    ...(natsUrl ? { NATS_URL: natsUrl } : {}),
    NATS_STREAM_REPLICAS: String(streamReplicas),
    NATS_STREAM: streamName,
    NATS_SUBJECT_PREFIX: streamName.toLowerCase(),
    REDIS_PREFIX: `qurbani-sim-${run}:`,
    MEDIA_ROOT: media,
    UPLOAD_DIR: join(dir, 'uploads'),
    VIDEO_INLINE_WORKER: 'false',
    VIDEO_X264_PRESET: 'ultrafast',
    // One load generator is one client address: keep the limiter's cost, lift its ceilings.
    GATEWAY_RATE_LIMITS:
      'anonymous=1000000/1,account=1000000/1,positions=1000000/1,uploads=1000000/1,liveConnections=1000000/1',
    SUBGRAPH_URLS: SUBGRAPHS.map(
      (name) => `${name}=${copyPorts[name].map((p) => `http://127.0.0.1:${p}/graphql`).join('|')}`,
    ).join(','),
    MODEL_URL: copyPorts.model.map((p) => `http://${netns?.nsIp ?? '127.0.0.1'}:${p}`).join('|'),
    MODEL_PORT: String(port.model),
    MODEL_SERVICE_TOKEN: randomBytes(32).toString('base64url'),
    MODEL_STANDIN_LATENCY_MS: String(modelLatencyMs),
    // A dead model service: the breaker opens after 3 outages and probes again every 2 s.
    MODEL_BREAKER_HALF_OPEN_MS: '2000',
    ANALYSIS_LEASE_MS: '15000',
    ANALYSIS_RETRY_MAX_DELAY_MS: '5000',
    NOTIFIER_LEASE_MS: '10000',
    NOTIFIER_RETRY_BASE_MS: '500',
    SMS_PROVIDER: 'smpp',
    SMPP_URL: sms.url,
    SMPP_PASSWORD: sms.password,
    SMS_PER_SECOND: '1000',
    SIM_CLOCK_OFFSET_MS: String(clockOffsetMs),
  };
  for (const name of SERVICES) {
    env[`${name.toUpperCase()}_PORT`] = String(port[name]);
    env[`${name.toUpperCase()}_DB`] = dbNames[name];
  }
  const supervisor = new Supervisor();
  const scriptOf = (name) =>
    name === 'sacrifice'
      ? join(root, 'bench/simulate/sacrifice-in-season.mjs')
      : join(root, `subgraphs/${name}/dist/src/index.js`);
  const node = (script, graph) => ['--enable-source-maps', ...(graph ? ['--max-semi-space-size=64'] : []), script];
  const run_ = (name, script, vars = {}, graph = false) =>
    supervisor.run(name, process.execPath, node(script, graph), { cwd: root, env: { ...env, ...vars } });
  /** Health URL of each supervised process, by its name. */
  const health = {};

  for (const name of SUBGRAPHS) {
    run_(name, scriptOf(name), {}, true);
    health[name] = `http://127.0.0.1:${port[name]}/health/ready`;
  }
  await Promise.all(SUBGRAPHS.map((name) => ready(health[name])));
  for (let i = 1; i < replicas; i++)
    for (const name of SUBGRAPHS) {
      const p = copyPorts[name][i];
      run_(
        `${name}-${i + 1}`,
        scriptOf(name),
        { [`${name.toUpperCase()}_PORT`]: String(p), MIGRATE_ON_START: 'false' },
        true,
      );
      health[`${name}-${i + 1}`] = `http://127.0.0.1:${p}/health/ready`;
    }
  await Promise.all(Object.values(health).map((url) => ready(url)));
  for (let i = 0; i < replicas; i++) {
    const name = i ? `video-worker-${i + 1}` : 'video-worker';
    run_(name, join(root, 'subgraphs/video/dist/src/worker-main.js'), {
      VIDEO_WORKER_METRICS_PORT: String(workerMetricsPorts[i]),
    });
    health[name] = `http://127.0.0.1:${workerMetricsPorts[i]}/health/live`;
  }
  // In its own namespace the model service listens on the namespace's address and reaches the
  // detector on the host's end of the link.
  const modelHost = netns?.nsIp ?? '127.0.0.1';
  const detectorHost = netns?.hostIp ?? '127.0.0.1';
  const inNetns = (command, args) =>
    netns ? [netns.prefix[0], [...netns.prefix.slice(1), command, ...args]] : [command, args];
  const modelEnv = { ...env, MODEL_HOST: modelHost };
  if (realModel) {
    run_('detector', join(root, 'services/detector/dist/src/index.js'), {
      DETECTOR_PORT: String(port.detector),
      HOST: detectorHost,
    });
    health.detector = `http://${detectorHost}:${port.detector}/health`;
    await ready(health.detector, 180_000);
  }
  for (let i = 0; i < replicas; i++) {
    const name = copyName('model', i);
    const vars = { ...modelEnv, MODEL_PORT: String(copyPorts.model[i]) };
    if (realModel)
      supervisor.run(name, ...inNetns('/usr/bin/python3', ['-m', 'model_service']), {
        cwd: MODEL_DIR,
        env: { ...vars, MODEL_ALLOWED_DIRS: media, SCENE_DETECTOR_URL: `http://${detectorHost}:${port.detector}` },
      });
    else
      supervisor.run(name, ...inNetns(process.execPath, [join(root, 'bench/simulate/model-standin.mjs')]), {
        cwd: root,
        env: vars,
      });
    health[name] = `http://${modelHost}:${copyPorts.model[i]}/health`;
  }
  await Promise.all(copyPorts.model.map((_, i) => ready(health[copyName('model', i)])));
  // Copies of the orchestrator and the notifier share analyses and sends by leases.
  for (const service of ['orchestrator', 'notifier'])
    for (let i = 0; i < replicas; i++) {
      const name = copyName(service, i);
      const p = copyPorts[service][i];
      run_(name, join(root, `services/${service}/dist/src/index.js`), {
        [`${service.toUpperCase()}_PORT`]: String(p),
        ...(i ? { MIGRATE_ON_START: 'false' } : {}),
      });
      health[name] = `http://127.0.0.1:${p}/health/ready`;
      await ready(health[name]);
    }
  for (let i = 0; i < replicas; i++) {
    const name = i ? `gateway-${i + 1}` : 'gateway';
    run_(
      name,
      join(root, 'gateway/dist/src/index.js'),
      { GATEWAY_PORT: String(gatewayPorts[i]), GATEWAY_METRICS_PORT: String(metricsPorts[i]) },
      true,
    );
    health[name] = `http://127.0.0.1:${gatewayPorts[i]}/health/ready`;
    await ready(health[name]);
  }
  /** Where each process serves /metrics. */
  const metrics = {};
  for (const name of Object.keys(health)) {
    if (name.startsWith('gateway'))
      metrics[name] =
        `http://127.0.0.1:${metricsPorts[name === 'gateway' ? 0 : Number(name.split('-')[1]) - 1]}/metrics`;
    else if (name !== 'model' && name !== 'detector')
      metrics[name] = health[name].replace(/\/health\/(ready|live)$/, '/metrics');
  }
  return {
    gateways: gatewayPorts.map((p) => `http://127.0.0.1:${p}/graphql`),
    health,
    metrics,
    dbNames,
    streamName,
    subjectPrefix: env.NATS_SUBJECT_PREFIX,
    redisPrefix: env.REDIS_PREFIX,
    /** The pid of each supervised process by name (a new one after a restart). */
    pids: () => supervisor.pids(),
    stop: () => supervisor.stop(),
  };
}
