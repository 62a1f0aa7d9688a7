import type { EventsLogger } from '@qurbani/events';
import type { MessagingConfig, ServiceConfig } from '@qurbani/kit';
import type { StorageConfig } from '@qurbani/storage';

/** Everything the orchestrator needs; `env.ts` fills it for a process, tests fill it directly. */
export interface OrchestratorConfig extends ServiceConfig, MessagingConfig {
  /** The Python model service, e.g. `http://127.0.0.1:4200`, or its copies' URLs separated by `|`. */
  modelUrl: string;
  /** Shared secret the model service requires (`MODEL_SERVICE_TOKEN`). */
  modelToken: string;
  /** The hot media store (`MEDIA_ROOT`: a directory, default `var/media`, or `s3://bucket/prefix` with `S3_*`). */
  storage?: StorageConfig;
  /** Analyses at once in this replica; match the model service's workers (default 2). */
  concurrency: number;
  /** One model call, after which it counts as failed (the model service gives up at 300 s). */
  modelTimeoutMs: number;
  /** Consecutive outages that open the circuit, and how long it stays open before one probe. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
  /** A claimed analysis is another replica's to take over if not renewed within this (renewed every third). */
  leaseMs: number;
  /** Ceiling of the delay between attempts of one analysis while it cannot be done. */
  retryMaxDelayMs: number;
  /** How often idle workers look for due analyses (new ones wake them at once). */
  pollMs?: number;
  logger?: EventsLogger;
}
