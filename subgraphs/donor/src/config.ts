import type { CharityDetails } from '@qurbani/documents';
import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';
import type { StripeSettings } from './payment/stripe.provider.js';

/** Everything the donor subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface DonorConfig extends SubgraphConfig, MessagingConfig {
  /** Encrypts donors' phone numbers at rest (FieldCipher). */
  piiKey: string;
  /** Seals donors' addresses inside `notification.dispatch` for the notifier (NOTIFY_SEAL_KEY). */
  notifySealKey: string;
  /** How long an unpaid order holds its shares before it expires (default 60). */
  orderHoldMinutes?: number;
  /** How often expired holds are looked for (default 30). */
  orderExpirySweepSeconds?: number;
  /** Card payments through Stripe; without it the charity takes offline payments only. */
  stripe?: StripeSettings;
  /** The charity named on donation receipts (default: a placeholder name). */
  charity?: CharityDetails;
  /** Lifetime of a receipt link from the API (default 1 h; the one in the payment notification lives 30 days). */
  receiptLinkTtlSeconds?: number;
  /** The gateway's public origin, for the receipt link in the payment notification (default http://localhost:4000). */
  receiptUrlBase?: string;
  /** Clock for holds and receipt links; tests move it. */
  now?: () => Date;
}
