/** Everything the delivery subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DeliveryConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  /** Encrypts recipients' phones, addresses and coordinates at rest, and keys the PIN digests. */
  piiKey: string;
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /** Namespace of every subject on the wire (`<prefix>.sacrifice.allocated`), so test streams never overlap. */
  subjectPrefix?: string;
  /** Current driver positions live here (default redis://127.0.0.1:6379). */
  redisUrl?: string;
  /**
   * Namespace of this environment's Redis keys (default: the subject prefix, else `qurbani:`). The
   * gateway reads revoked tracking links under it: give both the same `REDIS_PREFIX`.
   */
  redisPrefix?: string;
  /** How long a family's tracking link works (default 72 hours). */
  trackingLinkTtlSeconds?: number;
  onQuery?: (sql: string) => void;
  /** Clock for delivery times and the campaign (Hijri year); tests pin it. */
  now?: () => Date;
}
