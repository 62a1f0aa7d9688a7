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
// One query that needs the sacrifice, video and identity subgraphs.
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A free port whose neighbours at `offsets` are free too: `npm start` puts the second copy of a
 * service on <port>+10 (the gateway's metrics on <port>+1), and a bare `freePort` once handed out a
 * port whose +10 another process held (EADDRINUSE, CI 2026-12-05).
 */
async function freePortWith(offsets: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if ((await Promise.all(offsets.map((offset) => isFree(port + offset)))).every(Boolean)) return port;
  }
}

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
    for (const name of PORTED) env[`${name.toUpperCase()}_PORT`] = String(await freePortWith([10]));
    for (const name of SERVICES) env[`${name.toUpperCase()}_DB`] = `qurbani_${name}_${run}`;
    Object.assign(env, {
      REPLICAS: '2',
      GATEWAY_METRICS_PORT: String(await freePortWith([1])),
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
