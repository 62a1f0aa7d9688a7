import { natsConfig, natsEnv, notifySealEnv, parseEnv, secretEnv, subgraphConfig, subgraphEnv } from '@qurbani/kit';
import type { DonorConfig } from './config.js';

const env = parseEnv({ ...subgraphEnv('DONOR', 4102), ...natsEnv, PII_KEY: secretEnv.PII_KEY, ...notifySealEnv });

export const config: DonorConfig = {
  ...subgraphConfig(env, 'DONOR'),
  ...natsConfig(env),
  piiKey: env.PII_KEY,
  notifySealKey: env.NOTIFY_SEAL_KEY,
};
