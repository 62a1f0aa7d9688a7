import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';

/** Everything the skin subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface SkinConfig extends SubgraphConfig, MessagingConfig {
  /** Encrypts buyers' contacts at rest. */
  piiKey: string;
  /** Time from collection until a hide must be preserved (default 6 hours: hides spoil in the heat). */
  preserveWindowMinutes?: number;
  /** How often the hide sweep runs (alerts, SPOILED); 0 turns it off (tests call it). Default 60 s. */
  hideSweepIntervalMs?: number;
  /** Clock for deadlines and the at-risk flag; tests pin it. */
  now?: () => Date;
}
