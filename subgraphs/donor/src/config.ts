import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';

/** Everything the donor subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DonorConfig extends SubgraphConfig, MessagingConfig {
  /** Encrypts donors' phone numbers at rest (FieldCipher). */
  piiKey: string;
  /** How long an unpaid order holds its shares before it expires (default 60). */
  orderHoldMinutes?: number;
  /** How often expired holds are looked for (default 30). */
  orderExpirySweepSeconds?: number;
  /** Clock for holds; tests move it. */
  now?: () => Date;
}
