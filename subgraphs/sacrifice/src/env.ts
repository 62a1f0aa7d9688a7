import { natsConfig, natsEnv, parseEnv, subgraphConfig, subgraphEnv } from '@qurbani/kit';
import type { SacrificeConfig } from './config.js';

const env = parseEnv({ ...subgraphEnv('SACRIFICE', 4103), ...natsEnv });

export const config: SacrificeConfig = { ...subgraphConfig(env, 'SACRIFICE'), ...natsConfig(env) };
