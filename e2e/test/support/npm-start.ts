import { connectNats } from '@qurbani/events';
import { deleteRedisKeys, dropDatabases, testRunId } from '@qurbani/kit/testing';
import { QurbaniClient, SignInDocument } from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = new URL('../../../../', import.meta.url).pathname;
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
/** The services with a database of their own. */
export const DATABASE_SERVICES = [
  'identity',
  'donor',
  'sacrifice',
  'video',
  'delivery',
  'skin',
  'orchestrator',
  'notifier',
];

/** `scripts/start.mjs` running as `npm start` runs it, with everything it owns kept apart for one test. */
export interface NpmStart {
  env: Record<string, string>;
  /** Every line it printed so far. */
  log: string[];
  /** The pid of each process its supervisor started last, by name (`sacrifice`, `gateway-2`...). */
  pids: Map<string, number>;
  waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Stops it, then drops its databases, stream, Redis keys and media folder. */
  stop(): Promise<void>;
}

/**
 * Starts the platform with the run's own databases, stream, subject and Redis prefixes and media
 * folder; `vars` adds the ports and switches (REPLICAS, GRAPH_PROCESSES...). Resolves once it says
 * it is running.
 */
export async function npmStart(name: string, vars: Record<string, string>, readyMs: number): Promise<NpmStart> {
  const run = testRunId();
  const streamName = `QURBANI_${name.toUpperCase()}_${run.toUpperCase()}`;
  const media = await mkdtemp(path.join(os.tmpdir(), `qurbani-${name}-`));
  const env: Record<string, string> = {
    ...Object.fromEntries(
      DATABASE_SERVICES.map((service) => [`${service.toUpperCase()}_DB`, `qurbani_${service}_${run}`]),
    ),
    NATS_STREAM: streamName,
    NATS_SUBJECT_PREFIX: `${name.slice(0, 3)}${run}`,
    REDIS_PREFIX: `qurbani-${name}-${run}:`,
    MEDIA_ROOT: path.join(media, 'media'),
    UPLOAD_DIR: path.join(media, 'uploads'),
    LOG_LEVEL: 'warn',
    ...vars,
  };
  const start: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  const log: string[] = [];
  const pids = new Map<string, number>();
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

  const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} not within ${timeoutMs} ms; last lines:\n${log.slice(-15).join('\n')}`);
  };
  const stop = async () => {
    if (start.exitCode === null) {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
    await dropDatabases(
      baseUrl,
      DATABASE_SERVICES.map((service) => env[`${service.toUpperCase()}_DB`]!),
    ).catch(() => undefined);
    const nats = await connectNats(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
    await nats.jsm.streams.delete(streamName).catch(() => undefined);
    await nats.close();
    // Sign-ins leave keys that live for weeks (a known device): the run's prefix goes with it.
    await deleteRedisKeys(env.REDIS_PREFIX!);
    await rm(media, { recursive: true, force: true });
  };
  const running = { env, log, pids, waitFor, stop };
  try {
    await waitFor('the platform', () => log.some((l) => l.startsWith('Qurbani platform running')), readyMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return running;
}

/** Whether `url` answers 2xx within 2 s. */
export const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

/** Signs in as the organizer `npm start` bootstraps, and returns a query sender that fails on any error. */
export async function demoOrganizer(gatewayUrl: string, log: string[]) {
  const { signIn } = await new QurbaniClient(gatewayUrl).request(SignInDocument, {
    login: 'organizer@demo.qurbani',
    password: 'organizer-demo-pass',
  });
  return async (query: string, url = gatewayUrl) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signIn.accessToken}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { errors?: unknown };
    assert.equal(body.errors, undefined, `${url}: ${JSON.stringify(body.errors)}\n${log.slice(-10).join('\n')}`);
  };
}
