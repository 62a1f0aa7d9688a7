import { natsConfig, natsEnv, parseEnv, redisConfig, redisEnv, subgraphConfig, subgraphEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { SacrificeConfig } from './config.js';

const env = parseEnv({
  ...subgraphEnv('SACRIFICE', 4103),
  ...natsEnv,
  ...redisEnv,
  /** The charity named on sacrifice certificates. */
  CHARITY_NAME: z.string().min(1).default('Qurbani charity'),
  /** Origin of the proof page a certificate's QR code opens. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:4000'),
  CERTIFICATE_LINK_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
});

export const config: SacrificeConfig = {
  ...subgraphConfig(env, 'SACRIFICE'),
  ...natsConfig(env),
  ...redisConfig(env),
  charityName: env.CHARITY_NAME,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  certificateLinkTtlSeconds: env.CERTIFICATE_LINK_TTL_SECONDS,
};
