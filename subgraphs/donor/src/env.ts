import { z } from 'zod';
import {
  natsConfig,
  natsEnv,
  notifySealEnv,
  orderHoldEnv,
  parseEnv,
  secretEnv,
  subgraphConfig,
  subgraphEnv,
} from '@qurbani/kit';
import type { DonorConfig } from './config.js';

const env = parseEnv({
  ...subgraphEnv('DONOR', 4102),
  ...natsEnv,
  ...orderHoldEnv,
  PII_KEY: secretEnv.PII_KEY,
  ...notifySealEnv,
  STRIPE_SECRET_KEY: secretEnv.STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: secretEnv.STRIPE_WEBHOOK_SECRET,
  /** Another Stripe API origin (a test server); Stripe's own when unset. */
  STRIPE_API_URL: z.string().url().optional(),
  /** The charity named on donation receipts. */
  CHARITY_NAME: z.string().min(1).default('Qurbani charity'),
  CHARITY_REGISTRATION: z.string().optional(),
  CHARITY_ADDRESS: z.string().optional(),
  CHARITY_CONTACT: z.string().optional(),
  RECEIPT_LINK_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** The gateway's public origin, for the receipt link in the payment notification. */
  RECEIPT_URL_BASE: z.url().default('http://localhost:4000'),
});

// A card provider needs both keys: without the webhook secret no payment could ever be confirmed.
if (!!env.STRIPE_SECRET_KEY !== !!env.STRIPE_WEBHOOK_SECRET) {
  console.error('donor: set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither');
  process.exit(1);
}

export const config: DonorConfig = {
  ...subgraphConfig(env, 'DONOR'),
  ...natsConfig(env),
  piiKey: env.PII_KEY,
  notifySealKey: env.NOTIFY_SEAL_KEY,
  orderHoldMinutes: env.ORDER_HOLD_MINUTES,
  orderExpirySweepSeconds: env.ORDER_EXPIRY_SWEEP_SECONDS,
  charity: {
    name: env.CHARITY_NAME,
    registration: env.CHARITY_REGISTRATION,
    address: env.CHARITY_ADDRESS,
    contact: env.CHARITY_CONTACT,
  },
  receiptLinkTtlSeconds: env.RECEIPT_LINK_TTL_SECONDS,
  receiptUrlBase: env.RECEIPT_URL_BASE,
  stripe:
    env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
      ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL }
      : undefined,
};
