import { z } from 'zod';
import { DEVELOPMENT_SECRETS, natsUrl, optionalSecret, secret } from './env.js';
import type { MessagingConfig, ServiceConfig, SubgraphConfig } from './service-config.js';

// Each service's env.ts spreads the fragments it needs into one `parseEnv` shape, then maps the
// parsed values with the functions below, so a variable has one name, default and check everywhere.

/** Every service. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Interface to listen on: loopback on a developer's machine, 0.0.0.0 in a container. */
  HOST: z.string().default('127.0.0.1'),
};

/** Services that own a database (each its own, on one server). */
export const databaseEnv = {
  DATABASE_URL_BASE: z.string().default('postgresql://postgres@127.0.0.1:5432'),
  /** Migrate at start: default on, except in production, where `npm run migrate` is its own step. */
  MIGRATE_ON_START: z.enum(['true', 'false']).optional(),
  /** Connections per process (default 10): every replica of every service counts against PostgreSQL's `max_connections`. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).optional(),
  /** Lean reads as named prepared statements (default on); off behind a pooler that cannot keep them per session. */
  DATABASE_NAMED_STATEMENTS: z.enum(['on', 'off']).default('on'),
};

/** Services on the event bus. */
export const natsEnv = {
  /** With the service's own NATS user in production: `nats://<user>:<password>@host:4222` (README, "Deploying NATS"). */
  NATS_URL: natsUrl(),
  NATS_STREAM: z.string().default('QURBANI'),
  /** Copies of the stream when a service creates it: 3 on a three-node JetStream cluster. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Namespaces every subject on a shared NATS server (tests, sandboxes); unset in production. */
  NATS_SUBJECT_PREFIX: z.string().optional(),
};

/** Services keeping state in Redis; the gateway and the subgraphs share one prefix per environment. */
export const redisEnv = {
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('qurbani:'),
};

/**
 * Where media live (`@qurbani/storage`): `MEDIA_ROOT` and `MEDIA_COLD_ROOT` are directories or
 * `s3://bucket/prefix` locations; the `S3_*` variables say which S3-compatible server holds the buckets
 * (unset: AWS with its default credentials). The parsed values are a `StorageConfig` as they are.
 */
export const mediaStorageEnv = {
  MEDIA_ROOT: unsetWhenBlank(z.string()),
  MEDIA_COLD_ROOT: unsetWhenBlank(z.string()),
  S3_ENDPOINT: unsetWhenBlank(z.url()),
  S3_REGION: unsetWhenBlank(z.string()),
  S3_ACCESS_KEY_ID: unsetWhenBlank(z.string()),
  S3_SECRET_ACCESS_KEY: unsetWhenBlank(z.string()),
  S3_FORCE_PATH_STYLE: unsetWhenBlank(z.enum(['true', 'false']).transform((v) => v === 'true')),
};

/** Optional, and an empty value means unset (compose passes `${S3_ENDPOINT:-}` when none is given). */
function unsetWhenBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

/** The key of the gateway's viewer token: the gateway signs it, every subgraph checks it. */
export const internalSecretEnv = {
  INTERNAL_JWT_SECRET: secret(DEVELOPMENT_SECRETS.INTERNAL_JWT_SECRET),
};

/**
 * The access-token key (gateway and identity), the key of personal data at rest (subgraphs holding
 * it), and the card provider's keys (donor subgraph; unset when the charity takes no cards).
 */
export const secretEnv = {
  ACCESS_TOKEN_SECRET: secret(DEVELOPMENT_SECRETS.ACCESS_TOKEN_SECRET),
  PII_KEY: secret(DEVELOPMENT_SECRETS.PII_KEY),
  STRIPE_SECRET_KEY: optionalSecret(),
  STRIPE_WEBHOOK_SECRET: optionalSecret(),
};

/**
 * The key that seals a recipient's address (and a family's PIN) inside `notification.dispatch`:
 * held by the services that own contact details (donor, delivery) and by the notifier, no one else.
 */
export const notifySealEnv = {
  NOTIFY_SEAL_KEY: secret(DEVELOPMENT_SECRETS.NOTIFY_SEAL_KEY),
};

type PortVariable = z.ZodDefault<z.ZodCoercedNumber<unknown>>;
type ServiceVariables<N extends string> = { [K in `${N}_PORT`]: PortVariable } & {
  [K in `${N}_DB`]: z.ZodDefault<z.ZodString>;
};

/**
 * A service with its own port and database: `<NAME>_PORT` (default `port`; 0 picks a free one) and
 * `<NAME>_DB` (default `qurbani_<name>`), with the common and database variables.
 */
export function serviceEnv<N extends string>(name: N, port: number) {
  const own = {
    [`${name}_PORT`]: z.coerce.number().int().min(0).max(65535).default(port),
    [`${name}_DB`]: z.string().default(`qurbani_${name.toLowerCase()}`),
  } as ServiceVariables<N>;
  return { ...commonEnv, ...databaseEnv, ...own };
}

/** `serviceEnv` plus the internal secret: what every subgraph behind the gateway reads. */
export function subgraphEnv<N extends string>(name: N, port: number) {
  return { ...serviceEnv(name, port), ...internalSecretEnv };
}

type ParsedService<N extends string> = {
  HOST: string;
  NODE_ENV: string;
  DATABASE_URL_BASE: string;
  MIGRATE_ON_START?: 'true' | 'false';
  DATABASE_POOL_MAX?: number;
  DATABASE_NAMED_STATEMENTS?: 'on' | 'off';
} & Record<`${N}_PORT`, number> &
  Record<`${N}_DB`, string>;

/** The listening and database part of a service's config, from variables parsed with `serviceEnv`. */
export function serviceConfig<N extends string>(env: ParsedService<N>, name: N): ServiceConfig {
  // The compiler cannot resolve a template-literal key on a generic name; the signature has checked it.
  const own = env as unknown as Record<string, number | string>;
  return {
    port: own[`${name}_PORT`] as number,
    host: env.HOST,
    baseUrl: env.DATABASE_URL_BASE,
    dbName: own[`${name}_DB`] as string,
    migrateOnStart: env.MIGRATE_ON_START ? env.MIGRATE_ON_START === 'true' : env.NODE_ENV !== 'production',
    ...(env.DATABASE_POOL_MAX ? { poolMax: env.DATABASE_POOL_MAX } : {}),
    ...(env.DATABASE_NAMED_STATEMENTS === 'off' ? { namedStatements: false } : {}),
  };
}

/** `serviceConfig` plus the internal secret, from variables parsed with `subgraphEnv`. */
export function subgraphConfig<N extends string>(
  env: ParsedService<N> & { INTERNAL_JWT_SECRET: string },
  name: N,
): SubgraphConfig {
  return { ...serviceConfig(env, name), internalSecret: env.INTERNAL_JWT_SECRET };
}

/** The event-bus part of a service's config, from variables parsed with `natsEnv`. */
export function natsConfig(env: {
  NATS_URL: string;
  NATS_STREAM: string;
  NATS_STREAM_REPLICAS?: number;
  NATS_SUBJECT_PREFIX?: string;
}): MessagingConfig {
  // An empty prefix (`NATS_SUBJECT_PREFIX=`) means none, not subjects starting with a dot.
  return {
    natsUrl: env.NATS_URL,
    streamName: env.NATS_STREAM,
    streamReplicas: env.NATS_STREAM_REPLICAS,
    subjectPrefix: env.NATS_SUBJECT_PREFIX || undefined,
  };
}

/** The Redis part of a service's config, from variables parsed with `redisEnv`. */
export function redisConfig(env: { REDIS_URL: string; REDIS_PREFIX: string }): {
  redisUrl: string;
  redisPrefix: string;
} {
  return { redisUrl: env.REDIS_URL, redisPrefix: env.REDIS_PREFIX };
}

/** How long an unpaid order holds its shares, and how often the donor subgraph looks for expired holds. */
export const orderHoldEnv = {
  ORDER_HOLD_MINUTES: z.coerce.number().int().min(1).default(60),
  ORDER_EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(1).default(30),
};
