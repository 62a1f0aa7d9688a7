// The processes of a bench run: the subgraph host, and the three fronts under test, each in its
// own process so its CPU time can be read and it never shares a thread with the load generator.
import { fork, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const ownRoot = new URL('../../', import.meta.url).pathname;
// The gateway's own start script (gateway/package.json) uses this flag; every front gets it.
// BENCH_NODE_FLAGS="--max-semi-space-size=16" (say) replaces it, to weigh a GC setting.
const flagList = (value) => value.split(' ').filter(Boolean);
const NODE_FLAGS = flagList(process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64');
const RUNTIME = { execPath: process.execPath, flags: NODE_FLAGS };
/** The Node a checkout pins (the `node` dev dependency), as its own `npm start` would run it. */
function pinnedNode(root) {
  const bin = root && join(root, 'node_modules/node/bin/node');
  return bin && existsSync(bin) ? bin : undefined;
}
// The peer's processes (its subgraph host and gateway) run on the Node its checkout pins, or on
// BENCH_PEER_NODE (a node binary), with BENCH_PEER_NODE_FLAGS: with BENCH_PEER set to this checkout,
// a flag or a Node version is weighed against the same build in the same rounds.
export const PEER_RUNTIME = {
  execPath: process.env.BENCH_PEER_NODE ?? pinnedNode(process.env.BENCH_PEER) ?? process.execPath,
  flags: process.env.BENCH_PEER_NODE_FLAGS ? flagList(process.env.BENCH_PEER_NODE_FLAGS) : NODE_FLAGS,
};

async function waitFor(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

/** Ends a child process and waits for its exit; SIGKILL when it lingers. */
function stopChild(child, ask = () => child.kill('SIGTERM'), graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  ask();
  const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(force));
}

/** Starts a front in its own Node process; stops it again when it never becomes ready. */
async function startFront(name, script, args, { port, readyPath, runtime = RUNTIME, nodeFlags = [], ...options }) {
  const child = spawn(runtime.execPath, [...runtime.flags, ...nodeFlags, script, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    ...options,
  });
  try {
    await waitFor(`http://127.0.0.1:${port}${readyPath}`, child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { name, url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, stop: () => stopChild(child) };
}

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];

/** One child process serving `names` (all six when undefined); resolves once they listen. */
async function forkHost(settings, organizer, root, names, runtime) {
  const child = fork(new URL('./subgraph-host.mjs', import.meta.url).pathname, {
    execPath: runtime.execPath,
    execArgv: runtime.flags,
    env: {
      ...process.env,
      BENCH_ROOT: root,
      BENCH_SETTINGS: JSON.stringify(settings),
      BENCH_ORGANIZER: JSON.stringify(organizer),
      ...(names ? { BENCH_SUBGRAPHS: names.join(',') } : {}),
    },
    stdio: ['ignore', process.env.BENCH_LOGS ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const { urls } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the subgraph host exited with code ${code}`)));
  });
  return { child, urls };
}

/**
 * The six subgraphs in one child process, or with BENCH_SUBGRAPH_PROCESSES=each one process per
 * subgraph, as `npm start` runs them; resolves with their URLs once all listen. With `copies` > 1
 * (BENCH_GRAPH_COPIES), that many such hosts share the databases, as `REPLICAS=2 npm start` runs
 * them: `urls` names the first copy's, `replicaUrls` every copy's. `pid` is the list of their
 * process ids (cpuMs sums it).
 */
export async function startSubgraphHost(
  settings,
  organizer,
  root = ownRoot,
  processes = process.env.BENCH_SUBGRAPH_PROCESSES,
  copies = Number(process.env.BENCH_GRAPH_COPIES ?? 1),
  runtime = RUNTIME,
) {
  const hosts = [];
  const each = processes === 'each';
  // Every copy's pools count against PostgreSQL's max_connections (100 here), as with REPLICAS.
  const shared =
    copies > 1 ? { ...settings, poolMax: Math.max(2, Math.floor((settings.poolMax ?? 10) / copies)) } : settings;
  // One copy after the other: the first migrates the databases before the next one opens them.
  for (let copy = 0; copy < copies; copy++) {
    for (const names of each ? SUBGRAPHS.map((name) => [name]) : [undefined]) {
      hosts.push(await forkHost(shared, organizer, root, names, runtime));
    }
  }
  const sacrificeHosts = hosts.filter((h) => h.urls.sacrifice).map((h) => h.child);
  /** Sets every sacrifice subgraph's clock (an ISO instant), or back to the real one with `null`. */
  const setClock = (clock) =>
    Promise.all(
      sacrificeHosts.map(
        (sacrifice) =>
          new Promise((resolve) => {
            const ack = (message) => message?.clockSet !== undefined && (sacrifice.off('message', ack), resolve());
            sacrifice.on('message', ack);
            sacrifice.send({ clock });
          }),
      ),
    );
  const replicaUrls = {};
  for (const { urls } of hosts) for (const [name, url] of Object.entries(urls)) (replicaUrls[name] ??= []).push(url);
  return {
    pid: hosts.map((h) => h.child.pid),
    copies,
    urls: Object.fromEntries(Object.entries(replicaUrls).map(([name, [first]]) => [name, first])),
    replicaUrls,
    setClock,
    startProfile: () => hosts.forEach((h) => h.child.send('profile')),
    // 'close' lets the subgraphs stop their consumers and database pools before the databases are dropped.
    stop: () =>
      Promise.all(hosts.map(({ child }) => stopChild(child, () => child.connected && child.send('close'), 15_000))),
  };
}

/** `SUBGRAPH_URLS` for our gateway when a subgraph has several copies (gateway/src/replicas.ts). */
export function subgraphUrlsEnv(replicaUrls) {
  if (Object.values(replicaUrls).every((list) => list.length === 1)) return {};
  const pairs = Object.entries(replicaUrls).map(([name, list]) => `${name}=${list.join('|')}`);
  return { SUBGRAPH_URLS: pairs.join(',') };
}

/** A copy of schema/supergraph.graphql with the run's subgraph URLs, read by both gateways. */
export function writeSupergraph(dir, urls, root = ownRoot, file = 'supergraph.graphql') {
  let sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`), `$1"${url}"`);
  }
  const path = join(dir, file);
  writeFileSync(path, sdl);
  return path;
}

/** Our gateway, started as `npm start` starts it, with the run's secrets, Redis prefix and subject prefix. */
export async function startOurGateway(
  settings,
  supergraphPath,
  { name = 'ours', root = ownRoot, env = {}, runtime = RUNTIME } = {},
) {
  const port = await freePort();
  // BENCH_GATEWAY_PROFILE=<dir>: a CPU profile of our gateway's whole life (start, fixture load and rounds).
  const profile = process.env.BENCH_GATEWAY_PROFILE;
  const flags = profile && name === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  return startFront(name, join(root, 'gateway/dist/src/index.js'), [], {
    runtime,
    nodeFlags: flags,
    port,
    readyPath: '/health/ready',
    env: {
      ...process.env,
      GATEWAY_PORT: String(port),
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_JWT_SECRET: settings.secrets.internalSecret,
      ACCESS_TOKEN_SECRET: settings.secrets.accessTokenSecret,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      NATS_URL: settings.natsUrl,
      NATS_SUBJECT_PREFIX: settings.subjectPrefix,
      // A load test is many clients from one address: keep the limiter's cost, lift its ceilings.
      GATEWAY_RATE_LIMITS:
        'anonymous=1000000/1,account=1000000/1,positions=1000000/1,uploads=1000000/1,liveConnections=1000000/1',
      ...env,
    },
  });
}

// Hive forwards no client header by default; subgraphs refuse a request without the viewer token.
const HIVE_CONFIG = `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-qurbani-viewer': request.headers.get('x-qurbani-viewer') }),
  },
};
`;

/** Hive Gateway (bench/node_modules) on the same supergraph, in its default single-process mode. */
export async function startHiveGateway(dir, supergraphPath) {
  writeFileSync(join(dir, 'gateway.config.mjs'), HIVE_CONFIG);
  const port = await freePort();
  const bin = join(ownRoot, 'bench/node_modules/@graphql-hive/gateway/dist/bin.js');
  return startFront('hive', bin, ['supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1'], {
    port,
    readyPath: '/readiness',
    cwd: dir,
  });
}

/** The hand-written plan of direct-server.mjs; each request goes to the next copy of the subgraphs. */
export async function startDirect(replicaUrls) {
  const port = await freePort();
  return startFront('direct', new URL('./direct-server.mjs', import.meta.url).pathname, [], {
    port,
    readyPath: '/',
    env: { ...process.env, PORT: String(port), BENCH_SUBGRAPH_URLS: JSON.stringify(replicaUrls) },
  });
}

/** CPU time (user + system) a process (or a list of them) has used so far, in milliseconds (Linux /proc). */
export function cpuMs(pid) {
  if (Array.isArray(pid)) return pid.reduce((sum, one) => sum + cpuMs(one), 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time used so far by each process of the named programs (PostgreSQL's backends, Redis): pid → ms. */
export function programsCpuMs(names) {
  const used = new Map();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (names.includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim())) used.set(pid, cpuMs(pid));
    } catch {
      // The process ended while the list was read.
    }
  }
  return used;
}

/**
 * What those processes used between two readings. A process that started in between counts whole;
 * one that ended in between is not seen after its last reading (the pools keep their backends open).
 */
export function programsCpuMsSince(before, after) {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/** Busy and total CPU time of the whole machine so far, in clock ticks (Linux /proc/stat). */
export function machineTicks() {
  // user nice system idle iowait irq softirq steal; the guest fields after them are already in user.
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

/** Share of one core a process uses over `ms` while nothing is asked of it. */
export async function restingCpuPct(pid, ms) {
  const before = cpuMs(pid);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((cpuMs(pid) - before) / ms) * 100;
}
