import { commonEnv, parseEnv, secretEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { DeliveryConfig } from './config.js';

const env = parseEnv({
  ...commonEnv,
  DELIVERY_PORT: z.coerce.number().int().default(4105),
  DELIVERY_DB: z.string().default('qurbani_delivery'),
  PII_KEY: secretEnv.PII_KEY,
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('qurbani:'),
  TRACKING_LINK_TTL_HOURS: z.coerce.number().positive().default(72),
});

export const config: DeliveryConfig = {
  port: env.DELIVERY_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.DELIVERY_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  piiKey: env.PII_KEY,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
  redisUrl: env.REDIS_URL,
  redisPrefix: env.REDIS_PREFIX,
  trackingLinkTtlSeconds: Math.round(env.TRACKING_LINK_TTL_HOURS * 3600),
};
