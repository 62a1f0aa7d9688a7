import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';
import type { ObjectStore } from '@qurbani/storage';

/** Everything the delivery subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DeliveryConfig extends SubgraphConfig, MessagingConfig {
  /** Encrypts recipients' phones, addresses and coordinates at rest, and keys the PIN digests. */
  piiKey: string;
  /** Current driver positions live here (default redis://127.0.0.1:6379). */
  redisUrl?: string;
  /**
   * Namespace of this environment's Redis keys (default: the subject prefix, else `qurbani:`). The
   * gateway reads revoked tracking links under it: give both the same `REDIS_PREFIX`.
   */
  redisPrefix?: string;
  /** Seals the family's phone and PIN inside `notification.dispatch` for the notifier (NOTIFY_SEAL_KEY). */
  notifySealKey: string;
  /** The family tracking page; the SMS link is this plus a short code (default http://localhost:4000/track/). */
  trackingUrlBase?: string;
  /** How long a family's tracking link works (default 72 hours). */
  trackingLinkTtlSeconds?: number;
  /** Where proof-of-delivery photos are kept (default: the media store, `MEDIA_ROOT`). */
  photoStore?: ObjectStore;
  /** The largest proof photo accepted, in bytes (default 10 MiB). */
  photoMaxBytes?: number;
  /** Clock for delivery times and the campaign (Hijri year); tests pin it. */
  now?: () => Date;
}
