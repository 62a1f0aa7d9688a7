import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';

/** Everything the sacrifice subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface SacrificeConfig extends SubgraphConfig, MessagingConfig {
  /** Sites and animals are cached here for every replica (default redis://127.0.0.1:6379). */
  redisUrl?: string;
  /** Namespace of this environment's Redis keys (default: the subject prefix, else `qurbani:`). */
  redisPrefix?: string;
  /** Clock for the sacrifice window and timestamps; tests pin it. */
  now?: () => Date;
  /** The charity named on sacrifice certificates (default: a placeholder name). */
  charityName?: string;
  /** Origin of the proof page a certificate's QR code opens (default http://localhost:4000). */
  publicBaseUrl?: string;
  /** How long a certificate link works (default one hour). */
  certificateLinkTtlSeconds?: number;
}
