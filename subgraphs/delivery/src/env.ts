import {
  natsConfig,
  natsEnv,
  notifySealEnv,
  parseEnv,
  redisConfig,
  redisEnv,
  secretEnv,
  subgraphConfig,
  subgraphEnv,
} from '@qurbani/kit';
import { createObjectStore } from '@qurbani/storage';
import { z } from 'zod';
import type { DeliveryConfig } from './config.js';

const env = parseEnv({
  ...subgraphEnv('DELIVERY', 4105),
  ...natsEnv,
  ...redisEnv,
  PII_KEY: secretEnv.PII_KEY,
  ...notifySealEnv,
  TRACKING_URL_BASE: z.url().default('http://localhost:4000/track/'),
  TRACKING_LINK_TTL_HOURS: z.coerce.number().positive().default(72),
  MEDIA_ROOT: z.string().optional(),
  DELIVERY_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
});

export const config: DeliveryConfig = {
  ...subgraphConfig(env, 'DELIVERY'),
  ...natsConfig(env),
  ...redisConfig(env),
  piiKey: env.PII_KEY,
  notifySealKey: env.NOTIFY_SEAL_KEY,
  trackingUrlBase: env.TRACKING_URL_BASE,
  trackingLinkTtlSeconds: Math.round(env.TRACKING_LINK_TTL_HOURS * 3600),
  photoStore: createObjectStore({ MEDIA_ROOT: env.MEDIA_ROOT }),
  photoMaxBytes: env.DELIVERY_PHOTO_MAX_BYTES,
};
