/** Everything the skin subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface SkinConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  /** Encrypts buyers' contacts at rest. */
  piiKey: string;
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /** Namespaces subjects on a shared NATS server (tests, sandboxes); unset in production. */
  subjectPrefix?: string;
  /** Time from collection until a hide must be preserved (default 6 hours: hides spoil in the heat). */
  preserveWindowMinutes?: number;
  onQuery?: (sql: string) => void;
  /** Clock for deadlines and the at-risk flag; tests pin it. */
  now?: () => Date;
}
