import { commonEnv, parseEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { VideoConfig } from './config.js';

const env = parseEnv({
  ...commonEnv,
  VIDEO_PORT: z.coerce.number().int().default(4104),
  VIDEO_DB: z.string().default('qurbani_video'),
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
});

export const config: VideoConfig = {
  port: env.VIDEO_PORT,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.VIDEO_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX,
};
