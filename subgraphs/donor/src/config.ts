/** Everything the donor subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DonorConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  /** Encrypts donors' phone numbers at rest (FieldCipher). */
  piiKey: string;
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /**
   * Namespace for subjects on a shared NATS server (`<prefix>.order.placed`): two streams may not
   * claim the same subjects, so parallel test runs each use their own. Empty in production.
   */
  subjectPrefix?: string;
  onQuery?: (sql: string) => void;
}
