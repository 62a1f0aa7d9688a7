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
});

export const config: DeliveryConfig = {
  ...subgraphConfig(env, 'DELIVERY'),
  ...natsConfig(env),
  ...redisConfig(env),
  piiKey: env.PII_KEY,
  notifySealKey: env.NOTIFY_SEAL_KEY,
  trackingUrlBase: env.TRACKING_URL_BASE,
  trackingLinkTtlSeconds: Math.round(env.TRACKING_LINK_TTL_HOURS * 3600),
};
