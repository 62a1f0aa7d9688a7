import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';

/** Everything the sacrifice subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface SacrificeConfig extends SubgraphConfig, MessagingConfig {
  /** Clock for the sacrifice window and timestamps; tests pin it. */
  now?: () => Date;
}
