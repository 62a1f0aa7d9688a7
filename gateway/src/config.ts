import type { RateLimitSettings } from './perimeter/rate-limits.js';

/** Everything the gateway needs; `env.ts` fills it for a process, tests fill it directly. */
export interface GatewayConfig {
  port: number;
  host?: string;
  /**
   * Port of the operations server (/metrics, /health/*) on `metricsHost` (loopback by default):
   * kept off the public port, where scrapes would be another way in. Omitted: no operations server.
   */
  metricsPort?: number;
  metricsHost?: string;
  /** HTTP and GraphQL request series (default on; off only to measure their cost). */
  requestMetrics?: boolean;
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /**
   * Subgraph URLs by name; overrides the URLs written in the supergraph (tests use random ports).
   * Several URLs are replicas of one subgraph, taken in turn.
   */
  subgraphUrls?: Record<string, string | readonly string[]>;
  accessTokenSecret: string;
  internalSecret: string;
  redisUrl: string;
  redisPrefix: string;
  /** NATS for live signals (subscriptions); without it subscriptions are refused. */
  natsUrl?: string;
  /** Namespace of this environment's subjects (`<prefix>.live.order.<id>`), as the subgraphs use. */
  subjectPrefix?: string;
  /** Production hardening: no introspection, no field suggestions, no explorer, HSTS (default false). */
  production?: boolean;
  /** Web app origins allowed to call the API from a browser (default: local origins in development only). */
  corsOrigins?: readonly string[];
  /** Express `trust proxy`: which peers' X-Forwarded-For to believe for client IPs (default loopback). */
  trustProxy?: string;
  /** Serve the GraphiQL explorer at GET /graphql (default: outside production). */
  explorer?: boolean;
  rateLimits?: Partial<RateLimitSettings>;
  /**
   * Who runs query plans: the gateway's own executor and plain-query route (default), or Apollo
   * Server and @apollo/gateway for every operation ('apollo': the tests compare the two answers,
   * the bench compares their cost).
   */
  planExecutor?: 'own' | 'apollo';
  /** The charity named on site reports (default: a placeholder name). */
  charityName?: string;
}
