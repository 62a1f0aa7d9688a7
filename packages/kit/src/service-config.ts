// The parts every service's config is made of. A service's `config.ts` extends the ones it uses
// and adds its own settings; `env.ts` fills it for a process (see env-fragments.ts), tests fill it directly.

/** Where the service listens. */
export interface HttpConfig {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** The service's own database; migrations are applied on start. */
export interface DatabaseConfig {
  /** PostgreSQL server URL without a database, e.g. postgresql://postgres@127.0.0.1:5432 */
  baseUrl: string;
  dbName: string;
  /** Called with every SQL statement; tests count queries per request. */
  onQuery?: (sql: string) => void;
  /** Apply migrations at start (default); production runs `npm run migrate` instead (`MIGRATE_ON_START`). */
  migrateOnStart?: boolean;
  /** Connections this process may hold (default 10, `DATABASE_POOL_MAX`): replicas x pools must fit the server's limit. */
  poolMax?: number;
  /** Lean reads as named prepared statements (default; `DATABASE_NAMED_STATEMENTS=off` turns them off). */
  namedStatements?: boolean;
}

/** The event bus. */
export interface MessagingConfig {
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /**
   * Namespace for subjects on a shared NATS server (`<prefix>.order.placed`): two streams may not
   * claim the same subjects, so parallel test runs each use their own. Unset in production.
   */
  subjectPrefix?: string;
  /** Copies of the stream when a service creates it: 3 on a three-node JetStream cluster (default 1). */
  streamReplicas?: number;
  /** How often a failing event is retried before it becomes a dead letter (default 8, backoff 1 s doubling to 60 s). */
  eventRetry?: { maxDeliver?: number; backoffMs?: (deliveryCount: number) => number };
}

export interface ServiceConfig extends HttpConfig, DatabaseConfig {}

/** A subgraph: a service that answers only the gateway. */
export interface SubgraphConfig extends ServiceConfig {
  /** Key of the gateway's viewer token (`INTERNAL_JWT_SECRET`). */
  internalSecret: string;
}
