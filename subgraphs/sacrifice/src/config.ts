/** Everything the sacrifice subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface SacrificeConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /**
   * Namespace for subjects on a shared NATS server (`<prefix>.order.placed`): two streams may not
   * claim the same subjects, so parallel test runs each use their own. Empty in production.
   */
  subjectPrefix?: string;
  onQuery?: (sql: string) => void;
  /** Clock for the sacrifice window and timestamps; tests pin it. */
  now?: () => Date;
}
