import {
  natsConfig,
  natsEnv,
  parseEnv,
  redisConfig,
  redisEnv,
  refuseInProduction,
  secretEnv,
  subgraphConfig,
  subgraphEnv,
} from '@qurbani/kit';
import { z } from 'zod';
import type { IdentityConfig } from './config.js';

// The demo season's organizer password and the one docker-compose used to ship.
refuseInProduction('organizer-demo-pass', 'change-me-organizer');

// Identity publishes `account.roles-set` (its NATS user may publish nothing else) and consumes nothing.
const env = parseEnv({
  ...subgraphEnv('IDENTITY', 4101),
  ...redisEnv,
  ...natsEnv,
  ...secretEnv,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  BOOTSTRAP_ORGANIZER_LOGIN: z.string().optional(),
  BOOTSTRAP_ORGANIZER_PASSWORD: z.string().optional(),
});

export const config: IdentityConfig = {
  ...subgraphConfig(env, 'IDENTITY'),
  ...redisConfig(env),
  ...natsConfig(env),
  accessTokenSecret: env.ACCESS_TOKEN_SECRET,
  accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  piiKey: env.PII_KEY,
  bootstrapOrganizer: env.BOOTSTRAP_ORGANIZER_LOGIN
    ? { login: env.BOOTSTRAP_ORGANIZER_LOGIN, password: env.BOOTSTRAP_ORGANIZER_PASSWORD, displayName: 'Organizer' }
    : undefined,
};
