import { connectNats } from '@qurbani/events';
import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import { freePort } from '@qurbani/orchestrator/testing';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
const SERVICES = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin', 'orchestrator', 'notifier'];
const childrenOf = (pid: number) =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter((n) => n > 0);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const PORTED = [...SERVICES, 'gateway', 'model', 'detector'];

/**
 * `npm start` on one box keeps serving when a process dies: the start script is run as `npm start`
 * runs it (own ports, databases, stream, Redis prefix and media folder), then each process in turn
 * is killed with SIGKILL while the gateway is asked whether it is alive.
 */
describe('npm start keeps the season running when one process dies', () => {
  const run = testRunId();
  const streamName = `QURBANI_SUPERVISION_${run.toUpperCase()}`;
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
  const answers = (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );

  before(async () => {
    media = await mkdtemp(path.join(os.tmpdir(), 'qurbani-supervision-'));
    for (const name of PORTED) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
    for (const name of SERVICES) env[`${name.toUpperCase()}_DB`] = `qurbani_${name}_${run}`;
    Object.assign(env, {
      GATEWAY_METRICS_PORT: String(await freePort()),
      NATS_STREAM: streamName,
      NATS_SUBJECT_PREFIX: `sup${run}`,
      REDIS_PREFIX: `qurbani-supervision-${run}:`,
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
    await waitFor('the platform', () => log.some((l) => l.startsWith('Qurbani platform running')), 150_000);
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
    'restarts each process killed with SIGKILL within seconds while the gateway keeps answering',
    { timeout: 300_000 },
    async () => {
      const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
      const health: Record<string, string> = {
        model: `http://127.0.0.1:${env.MODEL_PORT}/health`,
        detector: `http://127.0.0.1:${env.DETECTOR_PORT}/health`,
        gateway: `${gateway}/health/live`,
      };
      for (const name of SERVICES)
        health[name] ??= `http://127.0.0.1:${env[`${name.toUpperCase()}_PORT`]}/health/ready`;
      const names = [...pids.keys()];
      assert.ok(names.includes('video-worker') && names.length === 12, names.join(', '));
      const recovery: Record<string, number> = {};
      for (const name of names) {
        const pid = pids.get(name)!;
        const children = childrenOf(pid);
        const killedAt = Date.now();
        process.kill(pid, 'SIGKILL');
        // Within a few seconds, not one 2 s try: on a loaded machine a single slow answer is not an outage.
        if (name !== 'gateway')
          await waitFor(`the gateway answering while ${name} is down`, () => answers(`${gateway}/health/live`), 8_000);
        await waitFor(`${name} restarted`, () => pids.get(name) !== pid, 20_000);
        if (health[name]) await waitFor(`${name} ready again`, () => answers(health[name]!), 60_000);
        recovery[name] = Date.now() - killedAt;
        assert.deepEqual(children.filter(alive), [], `what ${name} had started went with it`);
      }
      await waitFor('every subgraph ready behind the gateway', () => answers(`${gateway}/health/ready`), 30_000);
      assert.ok(!log.some((l) => /stopping everything/.test(l)), 'nothing stopped the others');
      console.log(`# recovery after SIGKILL (ms): ${JSON.stringify(recovery)}`);
    },
  );
});
