import { entityCacheMetrics, openRedis, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { loggerFor } from '@qurbani/telemetry';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { accountCards } from './account/account-cards.js';
import { AccountService } from './account/account.service.js';
import { AccountAccessService } from './auth/account-access.service.js';
import { AuthService } from './auth/auth.service.js';
import { SessionRevocations } from './auth/session-revocations.js';
import type { IdentityConfig } from './config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { buildIdentitySchema } from './schema.js';

export type { IdentityConfig } from './config.js';
export { DEFAULT_AUTH_LIMITS, type AuthLimits } from './auth/auth.limits.js';
export { buildIdentitySchema } from './schema.js';

/**
 * The first organizer. Without a password (production: no fixed one ships) a random one-time
 * password is made and printed once, when the account is created; the organizer changes it.
 */
async function bootstrapOrganizer(
  orm: MikroORM,
  accounts: AccountService,
  organizer: NonNullable<IdentityConfig['bootstrapOrganizer']>,
) {
  const password = organizer.password ?? randomBytes(18).toString('base64url');
  const created = await accounts.bootstrapOrganizer(orm.em.fork(), { ...organizer, password });
  if (created && !organizer.password)
    console.log(`identity: first organizer ${organizer.login} created; one-time password: ${password}`);
}

/** The identity subgraph: accounts, sign-in and sessions. It announces accounts' roles and consumes nothing. */
export function startIdentitySubgraph(config: IdentityConfig): Promise<RunningSubgraph> {
  return startSubgraph(config, {
    name: 'identity',
    entities,
    migrations,
    messaging: config,
    async wire({ orm, life, telemetry }) {
      const redis = openRedis(config.redisUrl, life, telemetry);
      const accounts = new AccountService(config.piiKey, config.onPasswordWork);
      const auth = new AuthService(config, accounts, redis);
      const access = new AccountAccessService(
        new SessionRevocations(redis, config.redisPrefix, config.accessTokenTtlSeconds),
        config.accessTokenTtlSeconds,
      );
      const log = loggerFor('identity');
      const cards = accountCards({
        orm,
        redis,
        keyPrefix: config.redisPrefix,
        metrics: entityCacheMetrics(telemetry.metrics),
        onError: (error) => log.warn({ error: String(error) }, 'entity cache: Redis failed; reading the database'),
      });
      if (config.bootstrapOrganizer) await bootstrapOrganizer(orm, accounts, config.bootstrapOrganizer);
      return { schema: await buildIdentitySchema({ accounts, auth, access, cards }) };
    },
  });
}
