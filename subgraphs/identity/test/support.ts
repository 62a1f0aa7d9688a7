import type { Viewer } from '@qurbani/kit';
import { callSubgraph, testRunId } from '@qurbani/kit/testing';
import { Redis } from 'ioredis';
import type { IdentityConfig } from '../src/app.js';

export const secret = 'test-internal-secret-0123456789abcdef0123456789';

/** A config of its own (database, Redis prefix) for one test file. */
export function testConfig(name: string, extra: Partial<IdentityConfig> = {}): IdentityConfig {
  return {
    port: 0,
    baseUrl: 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_identity_${name}_${testRunId()}`,
    internalSecret: secret,
    accessTokenSecret: 'test-access-secret-0123456789abcdef0123456789',
    accessTokenTtlSeconds: 60,
    refreshTokenTtlDays: 1,
    piiKey: 'test-pii-key-0123456789abcdef0123456789abcdef',
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `test:${name}:${testRunId()}:`,
    ...extra,
  };
}

/** Calls the subgraph as the gateway would, for `viewer` from client address `ip`. */
export const caller = (url: () => string) => (query: string, variables: Record<string, unknown> = {}, as: { viewer?: Viewer | null; ip?: string } = {}) =>
  callSubgraph(url(), secret, as.viewer ?? null, query, variables, as.ip ? { ip: as.ip } : {});

/** Counts the scrypt work the subgraph did (config.onPasswordWork). */
export function passwordWork() {
  const counts = { hash: 0, verify: 0 };
  return { counts, onPasswordWork: (kind: 'hash' | 'verify') => { counts[kind]++; } };
}

export const SIGN_IN = `mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { accessToken refreshToken account { id } } }`;
export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken account { id } } }`;
export const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;

export const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

/** Deletes the keys a test run left under its Redis prefix (budgets, known addresses, revocations). */
export async function clearRedis(config: IdentityConfig): Promise<void> {
  const redis = new Redis(config.redisUrl);
  const keys = await redis.keys(`${config.redisPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
