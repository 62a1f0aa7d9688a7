import { commonEnv, parseEnv, secretEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { SkinConfig } from './config.js';

const env = parseEnv({
  ...commonEnv,
  SKIN_PORT: z.coerce.number().int().default(4106),
  SKIN_DB: z.string().default('qurbani_skin'),
  PII_KEY: secretEnv.PII_KEY,
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
  HIDE_PRESERVE_WINDOW_MINUTES: z.coerce.number().int().positive().default(360),
});

export const config: SkinConfig = {
  port: env.SKIN_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.SKIN_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  piiKey: env.PII_KEY,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX,
  preserveWindowMinutes: env.HIDE_PRESERVE_WINDOW_MINUTES,
};
