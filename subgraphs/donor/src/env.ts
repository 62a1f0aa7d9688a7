import { natsConfig, natsEnv, orderHoldEnv, parseEnv, secretEnv, subgraphConfig, subgraphEnv } from '@qurbani/kit';
import type { DonorConfig } from './config.js';

const env = parseEnv({ ...subgraphEnv('DONOR', 4102), ...natsEnv, ...orderHoldEnv, PII_KEY: secretEnv.PII_KEY });

export const config: DonorConfig = {
  ...subgraphConfig(env, 'DONOR'),
  ...natsConfig(env),
  piiKey: env.PII_KEY,
  orderHoldMinutes: env.ORDER_HOLD_MINUTES,
  orderExpirySweepSeconds: env.ORDER_EXPIRY_SWEEP_SECONDS,
};
