import { natsConfig, natsEnv, parseEnv, secretEnv, subgraphConfig, subgraphEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { SkinConfig } from './config.js';

const env = parseEnv({
  ...subgraphEnv('SKIN', 4106),
  ...natsEnv,
  PII_KEY: secretEnv.PII_KEY,
  HIDE_PRESERVE_WINDOW_MINUTES: z.coerce.number().int().positive().default(360),
  HIDE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().nonnegative().default(60),
});

export const config: SkinConfig = {
  ...subgraphConfig(env, 'SKIN'),
  ...natsConfig(env),
  piiKey: env.PII_KEY,
  preserveWindowMinutes: env.HIDE_PRESERVE_WINDOW_MINUTES,
  hideSweepIntervalMs: env.HIDE_SWEEP_INTERVAL_SECONDS * 1000,
};
