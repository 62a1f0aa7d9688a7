import { commonEnv, parseEnv, refuseInProduction, secretEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { IdentityConfig } from './config.js';

// The demo season's organizer password and the one docker-compose used to ship.
refuseInProduction('organizer-demo-pass', 'change-me-organizer');

// Identity sends and receives no events: no NATS user to configure.
const { NATS_URL: _unused, ...identityEnv } = commonEnv;

const env = parseEnv({
  ...identityEnv,
  IDENTITY_PORT: z.coerce.number().int().default(4101),
  IDENTITY_DB: z.string().default('qurbani_identity'),
  ACCESS_TOKEN_SECRET: secretEnv.ACCESS_TOKEN_SECRET,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  PII_KEY: secretEnv.PII_KEY,
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('qurbani:'),
  BOOTSTRAP_ORGANIZER_LOGIN: z.string().optional(),
  BOOTSTRAP_ORGANIZER_PASSWORD: z.string().optional(),
});

export const config: IdentityConfig = {
  port: env.IDENTITY_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.IDENTITY_DB,
  internalSecret: env.INTERNAL_JWT_SECRET,
  accessTokenSecret: env.ACCESS_TOKEN_SECRET,
  accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  piiKey: env.PII_KEY,
  redisUrl: env.REDIS_URL,
  redisPrefix: env.REDIS_PREFIX,
  bootstrapOrganizer:
    env.BOOTSTRAP_ORGANIZER_LOGIN
      ? { login: env.BOOTSTRAP_ORGANIZER_LOGIN, password: env.BOOTSTRAP_ORGANIZER_PASSWORD, displayName: 'Organizer' }
      : undefined,
};
