import { mediaStorageEnv, natsConfig, natsEnv, parseEnv, serviceConfig, serviceEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { OrchestratorConfig } from './config.js';
import { parseModelUrls } from './model/model.urls.js';

// It signs nothing and answers no gateway: no internal secret to configure.
const env = parseEnv({
  ...serviceEnv('ORCHESTRATOR', 4300),
  ...natsEnv,
  ORCHESTRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  // One model service, or its copies separated by `|`, called in turn.
  MODEL_URL: z
    .string()
    .default('http://127.0.0.1:4200')
    .refine((list) => {
      try {
        return parseModelUrls(list).length > 0;
      } catch {
        return false;
      }
    }, 'one http(s) URL, or several separated by |'),
  MODEL_SERVICE_TOKEN: z.string().min(32),
  MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(330_000),
  MODEL_BREAKER_FAILURES: z.coerce.number().int().positive().default(3),
  MODEL_BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(10_000),
  ANALYSIS_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  ANALYSIS_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(60_000),
  ...mediaStorageEnv,
});

export const config: OrchestratorConfig = {
  ...serviceConfig(env, 'ORCHESTRATOR'),
  ...natsConfig(env),
  modelUrl: env.MODEL_URL,
  modelToken: env.MODEL_SERVICE_TOKEN,
  storage: env,
  concurrency: env.ORCHESTRATOR_CONCURRENCY,
  modelTimeoutMs: env.MODEL_TIMEOUT_MS,
  breakerFailures: env.MODEL_BREAKER_FAILURES,
  breakerHalfOpenAfterMs: env.MODEL_BREAKER_HALF_OPEN_MS,
  leaseMs: env.ANALYSIS_LEASE_MS,
  retryMaxDelayMs: env.ANALYSIS_RETRY_MAX_DELAY_MS,
};
