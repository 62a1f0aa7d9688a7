import type { MediaOptions } from './media/media.config.js';

/** Everything the video subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface VideoConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  natsUrl: string;
  /** JetStream stream holding the platform's events (tests use a throw-away one). */
  streamName: string;
  /** Namespaces subjects on a shared NATS server (tests, sandboxes); unset in production. */
  subjectPrefix?: string;
  onQuery?: (sql: string) => void;
  /** Clock for video and decision times; tests pin it. */
  now?: () => Date;
  /** Storage, uploads, preprocessing, playback links and archive; defaults suit one machine. */
  media?: MediaOptions;
}
