import type { Viewer } from '@qurbani/kit';
import { callSubgraph, TEST_SECRETS, testRun } from '@qurbani/kit/testing';
import { connectNats } from '@qurbani/events';
import { Redis } from 'ioredis';
import type { IdentityConfig } from '../src/app.js';

export const secret = TEST_SECRETS.internalSecret;

/** A config of its own (database, Redis prefix) for one test file. */
export function testConfig(name: string, extra: Partial<IdentityConfig> = {}): IdentityConfig {
  const { port, baseUrl, dbName, internalSecret, piiKey, run, natsUrl, streamName, subjectPrefix } = testRun(
    `identity_${name}`,
  );
  return {
    port,
    baseUrl,
    dbName,
    internalSecret,
    natsUrl,
    streamName,
    subjectPrefix,
    accessTokenSecret: TEST_SECRETS.accessTokenSecret,
    accessTokenTtlSeconds: 60,
    refreshTokenTtlDays: 1,
    piiKey,
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `test:${name}:${run}:`,
    ...extra,
  };
}

/** Calls the subgraph as the gateway would, for `viewer` from client address `ip`. */
export const caller =
  (url: () => string) =>
  (query: string, variables: Record<string, unknown> = {}, as: { viewer?: Viewer | null; ip?: string } = {}) =>
    callSubgraph(url(), secret, as.viewer ?? null, query, variables, as.ip ? { ip: as.ip } : {});

/** Counts the scrypt work the subgraph did (config.onPasswordWork). */
export function passwordWork() {
  const counts = { hash: 0, verify: 0 };
  return {
    counts,
    onPasswordWork: (kind: 'hash' | 'verify') => {
      counts[kind]++;
    },
  };
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

/** Deletes the test run's own stream (identity announces staff roles on it). */
export async function dropStream(config: IdentityConfig): Promise<void> {
  const nats = await connectNats(config.natsUrl);
  await nats.jsm.streams.delete(config.streamName).catch(() => undefined);
  await nats.close();
}
