import { commonEnv, parseEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { OrchestratorConfig } from './config.js';

// It signs nothing and answers no gateway: no internal secret to configure.
const { INTERNAL_JWT_SECRET: _unused, ...orchestratorEnv } = commonEnv;

const env = parseEnv({
  ...orchestratorEnv,
  ORCHESTRATOR_PORT: z.coerce.number().int().min(0).default(4300),
  ORCHESTRATOR_DB: z.string().default('qurbani_orchestrator'),
  ORCHESTRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  NATS_STREAM: z.string().default('QURBANI'),
  NATS_SUBJECT_PREFIX: z.string().optional(),
  MODEL_URL: z.url().default('http://127.0.0.1:4200'),
  MODEL_SERVICE_TOKEN: z.string().min(32),
  MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(330_000),
  MODEL_BREAKER_FAILURES: z.coerce.number().int().positive().default(3),
  MODEL_BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(10_000),
  ANALYSIS_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  ANALYSIS_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(60_000),
  MEDIA_ROOT: z.string().optional(),
});

export const config: OrchestratorConfig = {
  port: env.ORCHESTRATOR_PORT,
  host: env.HOST,
  baseUrl: env.DATABASE_URL_BASE,
  dbName: env.ORCHESTRATOR_DB,
  natsUrl: env.NATS_URL,
  streamName: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
  modelUrl: env.MODEL_URL,
  modelToken: env.MODEL_SERVICE_TOKEN,
  mediaRoot: env.MEDIA_ROOT,
  concurrency: env.ORCHESTRATOR_CONCURRENCY,
  modelTimeoutMs: env.MODEL_TIMEOUT_MS,
  breakerFailures: env.MODEL_BREAKER_FAILURES,
  breakerHalfOpenAfterMs: env.MODEL_BREAKER_HALF_OPEN_MS,
  leaseMs: env.ANALYSIS_LEASE_MS,
  retryMaxDelayMs: env.ANALYSIS_RETRY_MAX_DELAY_MS,
};
