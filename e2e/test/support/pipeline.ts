import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import { freePort, makeFakeSceneModel, modelService, type ModelServiceProcess } from '@qurbani/orchestrator/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TcpProxy } from './tcp-proxy.js';

const ORCHESTRATOR = fileURLToPath(new URL('../../../../services/orchestrator/dist/src/index.js', import.meta.url));
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';

/** The AI side of the pipeline as separate processes the test can kill: the orchestrator and the model service. */
export interface Pipeline {
  /** NATS as every service of this run sees it: cut it to simulate a NATS outage. */
  nats: TcpProxy;
  model: ModelServiceProcess;
  /** Media directories the video subgraph must use (`overrides.video.media`). */
  media: { storage: { MEDIA_ROOT: string; MEDIA_COLD_ROOT: string }; uploadDir: string };
  orchestrator: {
    start(): Promise<void>;
    /** SIGKILL: a crash in the middle of whatever it was doing. */
    kill(): Promise<void>;
    stats(): Promise<any>;
    /** Base URL of its health, stats and metrics. */
    readonly url: string;
    /** The last lines it printed, for failure messages. */
    readonly log: string;
  };
  close(): Promise<void>;
}

/**
 * Starts a NATS proxy, the model service (with a stand-in scene detector, so right names can be
 * VALIDATED) and prepares the orchestrator. Call `connect` once the system's stream exists.
 */
export async function startPipeline(): Promise<
  Pipeline & { connect(stream: { streamName: string; subjectPrefix: string }): Promise<void> }
> {
  const run = testRunId();
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  const mediaRoot = join(dir, 'media');
  const media = {
    storage: { MEDIA_ROOT: mediaRoot, MEDIA_COLD_ROOT: join(dir, 'cold') },
    uploadDir: join(dir, 'uploads'),
  };
  const nats = await new TcpProxy({
    host: '127.0.0.1',
    port: Number(new URL(process.env.NATS_URL ?? 'nats://127.0.0.1:4222').port),
  }).start();
  const sceneModel = makeFakeSceneModel(join(dir, 'scene.onnx'));
  const model = await modelService({
    MODEL_ALLOWED_DIRS: mediaRoot,
    ...(sceneModel ? { SCENE_MODEL_PATH: sceneModel } : {}),
  });
  const port = await freePort();
  const dbName = `qurbani_orchestrator_${run}`;
  let env: Record<string, string> | null = null;
  let child: ChildProcess | null = null;
  let log = '';

  const orchestrator = {
    async start() {
      if (!env) throw new Error('connect() first');
      if (child) return;
      const c = spawn(process.execPath, ['--enable-source-maps', ORCHESTRATOR], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      for (const s of [c.stdout!, c.stderr!])
        s.on('data', (chunk) => {
          log = (log + chunk).slice(-8000);
        });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (c.exitCode !== null) throw new Error(`orchestrator exited: ${log}`);
        if (
          await fetch(`http://127.0.0.1:${port}/health/ready`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`orchestrator did not start: ${log}`);
    },
    async kill() {
      const c = child;
      child = null;
      if (!c) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGKILL');
      await exited;
    },
    stats: () => fetch(`http://127.0.0.1:${port}/stats`).then((r) => r.json()),
    url: `http://127.0.0.1:${port}`,
    /** The last lines it printed, for failure messages. */
    get log() {
      return log;
    },
  };

  return {
    nats,
    model,
    media,
    orchestrator,
    async connect(stream) {
      env = {
        ORCHESTRATOR_PORT: String(port),
        ORCHESTRATOR_DB: dbName,
        ORCHESTRATOR_CONCURRENCY: '1',
        DATABASE_URL_BASE: baseUrl,
        NATS_URL: nats.url,
        NATS_STREAM: stream.streamName,
        NATS_SUBJECT_PREFIX: stream.subjectPrefix,
        MODEL_URL: model.url,
        MODEL_SERVICE_TOKEN: model.token,
        MEDIA_ROOT: mediaRoot,
        MODEL_BREAKER_FAILURES: '2',
        MODEL_BREAKER_HALF_OPEN_MS: '1000',
        ANALYSIS_LEASE_MS: '4000',
        ANALYSIS_RETRY_MAX_DELAY_MS: '2000',
      };
      await orchestrator.start();
    },
    async close() {
      await orchestrator.kill();
      await model.stop();
      await nats.close();
      await dropDatabases(baseUrl, [dbName]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
