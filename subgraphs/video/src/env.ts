import {
  mediaStorageEnv,
  natsConfig,
  natsEnv,
  parseEnv,
  redisConfig,
  redisEnv,
  secret,
  subgraphConfig,
  subgraphEnv,
} from '@qurbani/kit';
import { z } from 'zod';
import type { VideoConfig } from './config.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const env = parseEnv({
  ...subgraphEnv('VIDEO', 4104),
  ...natsEnv,
  ...redisEnv,
  ...mediaStorageEnv,
  UPLOAD_DIR: z.string().optional(),
  MEDIA_PUBLIC_BASE_URL: z.string().url().optional(),
  VIDEO_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().optional(),
  VIDEO_UPLOAD_BUDGET_BYTES: z.coerce.number().int().positive().optional(),
  VIDEO_PLAYBACK_SECRET: secret(),
  VIDEO_PLAYBACK_TTL_SECONDS: z.coerce.number().int().positive().optional(),
  /** false when `worker.js` processes run the preprocessing and archive (as `npm start` does). */
  VIDEO_INLINE_WORKER: flag.default(true),
  /** A worker process's /metrics and /health/* port (0 picks one; unset: none). One per worker on a machine. */
  VIDEO_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  VIDEO_PREPROCESS_CONCURRENCY: z.coerce.number().int().positive().optional(),
  VIDEO_RENDITION_CONCURRENCY: z.coerce.number().int().positive().optional(),
  VIDEO_X264_PRESET: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium']).optional(),
  VIDEO_ARCHIVE_AFTER_DAYS: z.coerce.number().positive().optional(),
  REVIEW_LEASE_SECONDS: z.coerce.number().int().positive().default(600),
});

export const config: VideoConfig = {
  ...subgraphConfig(env, 'VIDEO'),
  ...natsConfig(env),
  ...redisConfig(env),
  workerMetricsPort: env.VIDEO_WORKER_METRICS_PORT,
  reviewLeaseSeconds: env.REVIEW_LEASE_SECONDS,
  media: {
    storage: env,
    uploadDir: env.UPLOAD_DIR,
    publicBaseUrl: env.MEDIA_PUBLIC_BASE_URL,
    maxUploadBytes: env.VIDEO_MAX_UPLOAD_BYTES,
    uploadBudgetBytes: env.VIDEO_UPLOAD_BUDGET_BYTES,
    playbackSecret: env.VIDEO_PLAYBACK_SECRET,
    playbackTtlSeconds: env.VIDEO_PLAYBACK_TTL_SECONDS,
    inlineWorker: env.VIDEO_INLINE_WORKER,
    preprocessConcurrency: env.VIDEO_PREPROCESS_CONCURRENCY,
    renditionConcurrency: env.VIDEO_RENDITION_CONCURRENCY,
    x264Preset: env.VIDEO_X264_PRESET,
    archiveAfterDays: env.VIDEO_ARCHIVE_AFTER_DAYS,
  },
};
