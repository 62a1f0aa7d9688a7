import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';
import type { MediaOptions } from './media/media.config.js';

/** Everything the video subgraph (and its worker) needs; `env.ts` fills it for a process, tests fill it directly. */
export interface VideoConfig extends SubgraphConfig, MessagingConfig {
  /** Clock for video and decision times; tests pin it. */
  now?: () => Date;
  /** How long a reviewer's claim on a video lasts unless renewed (default 10 minutes). */
  reviewLeaseSeconds?: number;
  /** Storage, uploads, preprocessing, playback links and archive; defaults suit one machine. */
  media?: MediaOptions;
  /**
   * Redis holding tus' upload locks, so that replicas share resumable uploads (`npm start` and the
   * deployments set it). Unset: locks in memory, right for one process only.
   */
  redisUrl?: string;
  /** Namespace of the lock keys (default `qurbani:`). */
  redisPrefix?: string;
  /** Port of a standalone worker's operations server (/metrics, /health/*); none when unset. */
  workerMetricsPort?: number;
}
