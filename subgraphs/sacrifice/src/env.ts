import { commonEnv, parseEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { SacrificeConfig } from './config.js';

const env = parseEnv({
  ...commonEnv,
  SACRIFICE_PORT: z.coerce.number().int().default(4103),
  SACRIFICE_DB: z.string().default('qurbani_sacrifice'),
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
});

export const config: SacrificeConfig = {
  port: env.SACRIFICE_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.SACRIFICE_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
};
