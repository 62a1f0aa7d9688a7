import { connectNats } from '@qurbani/events';
import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import { freePort } from '@qurbani/orchestrator/testing';
import { QurbaniClient, SignInDocument } from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const SERVICES = [...SUBGRAPHS, 'orchestrator', 'notifier'];
const PORTED = [...SERVICES, 'gateway', 'model', 'detector'];
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * How far `npm start` puts a service's second copy from its port: subgraphs at +10, the model
 * service, orchestrator, notifier and gateway (and the gateway's metrics port) at +1.
 */
const COPY_OFFSET: Record<string, number> = {
  ...Object.fromEntries(SUBGRAPHS.map((name) => [name, 10])),
  model: 1,
  orchestrator: 1,
  notifier: 1,
  gateway: 1,
  gatewayMetrics: 1,
  detector: 0,
};

/**
 * A free port for `name` whose second copy's port is free too, and neither of which another
 * service of this run was given: bare free ports once put one service's copy on another's port
 * (EADDRINUSE for notifier-2, then gateway-2, in CI on 2026-12-05).
 */
async function portsFor(name: string, taken: Set<number>): Promise<number> {
  const offset = COPY_OFFSET[name] ?? 0;
  for (;;) {
    const port = await freePort();
    const ports = offset ? [port, port + offset] : [port];
    if (ports.some((p) => taken.has(p)) || (offset && !(await isFree(port + offset)))) continue;
    for (const p of ports) taken.add(p);
    return port;
  }
}

// One query that needs the sacrifice, video and identity subgraphs.
const QUERY = '{ seasons { __typename } reviewQueue { __typename } accounts { __typename } }';

/**
 * `REPLICAS=2 npm start`: two of each subgraph, of the video worker, of the gateway, of the model
 * service, the orchestrator and the notifier. One copy of
 * a subgraph killed with SIGKILL, the other keeps every query answered while the supervisor restarts it.
 */
describe('npm start with REPLICAS=2', () => {
  const run = testRunId();
  const streamName = `QURBANI_REPLICAS_${run.toUpperCase()}`;
  const env: Record<string, string> = {};
  let start: ChildProcess;
  let media: string;
  const log: string[] = [];
  const pids = new Map<string, number>();

  const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} not within ${timeoutMs} ms; last lines:\n${log.slice(-15).join('\n')}`);
  };

  before(async () => {
    media = await mkdtemp(path.join(os.tmpdir(), 'qurbani-replicas-'));
    const taken = new Set<number>();
    for (const name of PORTED) env[`${name.toUpperCase()}_PORT`] = String(await portsFor(name, taken));
    for (const name of SERVICES) env[`${name.toUpperCase()}_DB`] = `qurbani_${name}_${run}`;
    Object.assign(env, {
      REPLICAS: '2',
      GATEWAY_METRICS_PORT: String(await portsFor('gatewayMetrics', taken)),
      NATS_STREAM: streamName,
      NATS_SUBJECT_PREFIX: `rep${run}`,
      REDIS_PREFIX: `qurbani-replicas-${run}:`,
      MEDIA_ROOT: path.join(media, 'media'),
      UPLOAD_DIR: path.join(media, 'uploads'),
      LOG_LEVEL: 'warn',
    });
    start = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, ...env } });
    let buffered = '';
    const read = (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        log.push(line);
        const started = /^\[([\w-]+)\] started \(pid (\d+)\)$/.exec(line);
        if (started) pids.set(started[1]!, Number(started[2]));
      }
    };
    start.stdout!.on('data', read);
    start.stderr!.on('data', read);
    await waitFor('the platform', () => log.some((l) => l.startsWith('Qurbani platform running')), 240_000);
  });

  after(async () => {
    if (start && start.exitCode === null) {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
    await dropDatabases(
      baseUrl,
      SERVICES.map((name) => env[`${name.toUpperCase()}_DB`]!),
    ).catch(() => undefined);
    const nats = await connectNats(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
    await nats.jsm.streams.delete(streamName).catch(() => undefined);
    await nats.close();
    await rm(media, { recursive: true, force: true });
  });

  it(
    'serves through both gateways, and keeps answering while one copy of a subgraph is killed',
    { timeout: 120_000 },
    async () => {
      const copies = [...SUBGRAPHS, 'video-worker', 'gateway', 'model', 'orchestrator', 'notifier'].map(
        (name) => `${name}-2`,
      );
      for (const name of copies) assert.ok(pids.has(name), `${name} runs; started: ${[...pids.keys()].join(', ')}`);
      // The second model service, orchestrator and notifier listen one port up and answer.
      for (const [name, path] of [
        ['model', '/health'],
        ['orchestrator', '/health/ready'],
        ['notifier', '/health/ready'],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${Number(env[`${name.toUpperCase()}_PORT`]) + 1}${path}`);
        assert.equal(res.status, 200, `${name}-2 at its port + 1`);
      }
      const gateways = [0, 1].map((i) => `http://127.0.0.1:${Number(env.GATEWAY_PORT) + i}/graphql`);
      const { signIn } = await new QurbaniClient(gateways[0]!).request(SignInDocument, {
        login: 'organizer@demo.qurbani',
        password: 'organizer-demo-pass',
      });
      const ask = async (url: string) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${signIn.accessToken}` },
          body: JSON.stringify({ query: QUERY }),
          signal: AbortSignal.timeout(5000),
        });
        const body = (await res.json()) as { errors?: unknown };
        assert.equal(body.errors, undefined, `${url}: ${JSON.stringify(body.errors)}\n${log.slice(-10).join('\n')}`);
      };
      for (const url of gateways) await ask(url);

      // Each subgraph's first copy dies: every query still finds the other, at once and until it is back.
      for (const name of ['sacrifice', 'video', 'identity']) {
        const pid = pids.get(name)!;
        process.kill(pid, 'SIGKILL');
        for (let i = 0; i < 6; i++) await ask(gateways[i % 2]!);
        await waitFor(`${name} restarted`, () => pids.get(name) !== pid, 20_000);
        await waitFor(
          `${name} ready again`,
          () =>
            fetch(`http://127.0.0.1:${env[`${name.toUpperCase()}_PORT`]}/health/ready`).then(
              (r) => r.ok,
              () => false,
            ),
          60_000,
        );
      }
      assert.ok(!log.some((l) => /stopping everything/.test(l)), 'nothing stopped the others');
    },
  );
});
