import { commonEnv, internalSecretEnv, natsEnv, parseEnv, redisConfig, redisEnv, secretEnv } from '@qurbani/kit';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GatewayConfig } from './config.js';
import { parseSubgraphUrls } from './replicas.js';

const env = parseEnv({
  ...commonEnv,
  ...internalSecretEnv,
  ...redisEnv,
  // Live events only (no stream of its own to name).
  NATS_URL: natsEnv.NATS_URL,
  NATS_SUBJECT_PREFIX: natsEnv.NATS_SUBJECT_PREFIX,
  GATEWAY_PORT: z.coerce.number().int().default(4000),
  /** Prometheus scrapes and probes on their own port (0 picks one; unset: none). */
  GATEWAY_METRICS_PORT: z.coerce.number().int().optional(),
  GATEWAY_METRICS_HOST: z.string().default('127.0.0.1'),
  /** `false` drops the per-request series (only to measure what they cost: see BENCHMARKS.md). */
  GATEWAY_REQUEST_METRICS: z.enum(['true', 'false']).default('true'),
  /** `apollo`: every request through Apollo Server, every plan on @apollo/gateway's executor (only to compare: `npm run bench`). */
  GATEWAY_PLAN_EXECUTOR: z.enum(['own', 'apollo']).default('own'),
  SUPERGRAPH_PATH: z.string().default(new URL('../../../schema/supergraph.graphql', import.meta.url).pathname),
  ACCESS_TOKEN_SECRET: secretEnv.ACCESS_TOKEN_SECRET,
  HOST: z.string().default('0.0.0.0'),
  /**
   * name=url pairs, comma-separated, when subgraphs do not listen where the supergraph says; replicas
   * of one subgraph joined by `|` (`video=http://a:4104/graphql|http://b:4114/graphql`).
   */
  SUBGRAPH_URLS: z.string().optional(),
  /** Comma-separated origins of the web apps that call the API from browsers. */
  CORS_ORIGINS: z.string().optional(),
  /** Peers whose X-Forwarded-For is believed (express `trust proxy`: `loopback`, a CIDR list...). */
  GATEWAY_TRUST_PROXY: z.string().default('loopback'),
  GATEWAY_EXPLORER: z.enum(['true', 'false']).optional(),
  /** The charity named on site reports. */
  CHARITY_NAME: z.string().min(1).default('Qurbani charity'),
  /** Overrides of the rate limits, e.g. `anonymous=300/10,positions=60/60` (points per seconds). */
  GATEWAY_RATE_LIMITS: z
    .string()
    .regex(/^(\w+=\d+\/\d+)(,\w+=\d+\/\d+)*$/, 'kind=points/seconds, comma-separated')
    .optional(),
});

const rateLimits = Object.fromEntries(
  (env.GATEWAY_RATE_LIMITS?.split(',') ?? []).map((entry) => {
    const [kind, limit] = entry.split('=') as [string, string];
    const [points, duration] = limit.split('/').map(Number) as [number, number];
    return [kind, { points, duration }];
  }),
);

export const config: GatewayConfig = {
  port: env.GATEWAY_PORT,
  host: env.HOST,
  metricsPort: env.GATEWAY_METRICS_PORT,
  metricsHost: env.GATEWAY_METRICS_HOST,
  requestMetrics: env.GATEWAY_REQUEST_METRICS === 'true',
  planExecutor: env.GATEWAY_PLAN_EXECUTOR,
  subgraphUrls: env.SUBGRAPH_URLS ? parseSubgraphUrls(env.SUBGRAPH_URLS) : undefined,
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  accessTokenSecret: env.ACCESS_TOKEN_SECRET,
  internalSecret: env.INTERNAL_JWT_SECRET,
  ...redisConfig(env),
  natsUrl: env.NATS_URL,
  subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
  production: env.NODE_ENV === 'production',
  corsOrigins: env.CORS_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  trustProxy: env.GATEWAY_TRUST_PROXY,
  explorer: env.GATEWAY_EXPLORER ? env.GATEWAY_EXPLORER === 'true' : undefined,
  rateLimits,
  charityName: env.CHARITY_NAME,
};
