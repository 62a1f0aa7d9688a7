import { Subject, type EventPayloads } from '@qurbani/events';
import { newId } from '@qurbani/kit';
import { dropDatabases, endPool, eventually, testRun, testStream } from '@qurbani/kit/testing';
import { createObjectStore } from '@qurbani/storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrchestrator, type OrchestratorConfig, type RunningOrchestrator } from '../src/app.js';
import { modelService, type ModelServiceProcess } from '../src/testing/index.js';

type ProcessedFinal = EventPayloads[typeof Subject.VideoProcessedFinal];

/**
 * The orchestrator on a throw-away database, stream and media directory, with a real model
 * service process, and helpers that publish what the sacrifice and video subgraphs would.
 */
export async function startHarness(overrides: Partial<OrchestratorConfig> = {}, modelEnv: Record<string, string> = {}) {
  const run = testRun('orchestrator');
  const mediaRoot = mkdtempSync(join(tmpdir(), 'orchestrator-media-'));
  const model: ModelServiceProcess = await modelService({ MODEL_ALLOWED_DIRS: mediaRoot, ...modelEnv });
  const config: OrchestratorConfig = {
    ...run,
    modelUrl: model.url,
    modelToken: model.token,
    storage: { MEDIA_ROOT: mediaRoot },
    concurrency: 1,
    modelTimeoutMs: 60_000,
    breakerFailures: 2,
    breakerHalfOpenAfterMs: 1000,
    leaseMs: 3000,
    retryMaxDelayMs: 2000,
    pollMs: 200,
    logger: {
      info: () => undefined,
      warn: (m, c) => process.env.DEBUG_ORCH && console.warn(`[orchestrator] ${m}`, c ?? ''),
      error: (m, c) => console.error(`[orchestrator] ${m}`, c ?? ''),
    },
    ...overrides,
  };
  let orchestrator: RunningOrchestrator | null = await startOrchestrator(config);
  const stream = await testStream(run);
  const { publish, published, nats } = stream;
  const { default: pg } = await import('pg');
  const db = new pg.Pool({ connectionString: `${run.baseUrl}/${run.dbName}`, max: 2 });
  /** Raw SQL on the orchestrator's own database. */
  const rows = async <T>(query: string, params: unknown[] = []) => (await db.query(query, params)).rows as T[];

  const h = {
    run,
    config,
    model,
    nats,
    publish,
    published,
    rows,
    mediaRoot,
    get orchestrator() {
      return orchestrator!;
    },

    /** A sacrifice at `siteId` whose executor must say `names`, performed at `performedAt`. */
    async sacrifice(names: string[], siteId: string, performedAt = new Date('2026-05-27T06:00:00Z')): Promise<string> {
      const sacrificeId = newId();
      await publish(Subject.SacrificeAssigned, {
        sacrificeId,
        executorId: newId(),
        donorIds: [newId()],
        siteId,
        timeZone: 'Asia/Karachi',
        species: 'SHEEP',
        names,
      });
      await publish(Subject.SacrificeStatusChanged, {
        sacrificeId,
        status: 'PERFORMED',
        orderIds: [],
        donorIds: [],
        at: performedAt.toISOString(),
      });
      await eventually(
        async () => {
          const [row] = await rows<{ n: number }>(
            'select count(*)::int as n from sacrifice_expectation where sacrifice_id = $1 and performed_at is not null and site_id is not null',
            [sacrificeId],
          );
          return row!.n === 1;
        },
        15_000,
        100,
      );
      return sacrificeId;
    },

    /** Copies a clip into the media store (a directory or a bucket) as the original of `videoId`; returns its key. */
    async store(videoId: string, clipPath: string): Promise<string> {
      const storageKey = `videos/${videoId}/original.mp4`;
      await createObjectStore(config.storage).putFile(storageKey, clipPath);
      return storageKey;
    },

    /** Puts a clip in the media store and publishes `video.uploaded-preprocessed` for it. */
    async upload(sacrificeId: string, clipPath: string): Promise<string> {
      const videoId = newId();
      const storageKey = await h.store(videoId, clipPath);
      await publish(Subject.VideoUploadedPreprocessed, { videoId, sacrificeId, storageKey, durationSeconds: 5 });
      return videoId;
    },

    /** The verdict of a video once stored and relayed to the stream (the relay runs a moment after the commit). */
    async verdict(videoId: string, timeoutMs = 60_000): Promise<ProcessedFinal> {
      return eventually(
        async () => {
          const [row] = await rows<{ result: ProcessedFinal | null }>(
            `select result from analysis where video_id = $1 and status = 'DONE'`,
            [videoId],
          );
          if (!row?.result) return undefined;
          const relayed = (await published(Subject.VideoProcessedFinal)).some((e) => e.videoId === videoId);
          return relayed ? row.result : undefined;
        },
        timeoutMs,
        200,
      );
    },

    async restart() {
      await orchestrator?.close();
      orchestrator = await startOrchestrator(config);
    },

    async close() {
      await orchestrator?.close();
      orchestrator = null;
      await model.stop();
      await endPool(db);
      await stream.close();
      await dropDatabases(run.baseUrl, [run.dbName]);
      rmSync(mediaRoot, { recursive: true, force: true });
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
