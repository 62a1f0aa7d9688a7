import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';

/** Everything the donor subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DonorConfig extends SubgraphConfig, MessagingConfig {
  /** Encrypts donors' phone numbers at rest (FieldCipher). */
  piiKey: string;
  /** Seals donors' addresses inside `notification.dispatch` for the notifier (NOTIFY_SEAL_KEY). */
  notifySealKey: string;
}
