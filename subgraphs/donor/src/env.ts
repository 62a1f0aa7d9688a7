import { commonEnv, parseEnv, secretEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { DonorConfig } from './config.js';

const env = parseEnv({
  ...commonEnv,
  DONOR_PORT: z.coerce.number().int().default(4102),
  DONOR_DB: z.string().default('qurbani_donor'),
  PII_KEY: secretEnv.PII_KEY,
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
});

export const config: DonorConfig = {
  port: env.DONOR_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.DONOR_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  piiKey: env.PII_KEY,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
};
