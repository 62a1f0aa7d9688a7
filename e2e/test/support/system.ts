import { startDeliverySubgraph } from '@qurbani/delivery';
import { connectNats } from '@qurbani/events';
import type { SecuredNats } from '@qurbani/events/testing';
import { startDonorSubgraph } from '@qurbani/donor';
import { startNotifier, type NotifierConfig, type RunningNotifier } from '@qurbani/notifier';
import { startGateway, type GatewayConfig, type RunningGateway } from '@qurbani/gateway';
import { startIdentitySubgraph } from '@qurbani/identity';
import type { RunningSubgraph } from '@qurbani/kit';
import { deleteRedisKeys, dropDatabases, testRunId } from '@qurbani/kit/testing';
import { startSacrificeSubgraph } from '@qurbani/sacrifice';
import { QurbaniClient } from '@qurbani/sdk';
import { startSkinSubgraph } from '@qurbani/skin';
import { startVideoSubgraph } from '@qurbani/video';
import { readFileSync } from 'node:fs';

export const ORGANIZER = {
  login: 'organizer@charity.test',
  password: 'organizer password 1',
  displayName: 'Organizer',
};

/** The whole system in one process on random ports, with its own databases, stream and Redis prefix. */
export interface System {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  /** Every replica of each subgraph behind the gateway, the one in `subgraphs` first. */
  replicas: Record<string, RunningSubgraph[]>;
  /** Secrets and Redis settings of this run, for tests that start more services (another gateway...). */
  secrets: { internalSecret: string; accessTokenSecret: string; piiKey: string; notifySealKey: string };
  /** Started when `SystemOptions.notifier` gives its providers. */
  notifier: RunningNotifier | null;
  redis: { redisUrl: string; redisPrefix: string };
  supergraphSdl: string;
  /** The run's JetStream stream and subject prefix, for tests that publish or watch events (admin user on a secured server). */
  nats: { url: string; streamName: string; subjectPrefix: string };
  /** SQL statements per subgraph since the last `resetCounters()`. */
  sql: Record<string, string[]>;
  client(token?: string): QurbaniClient;
  resetCounters(): void;
  now: { value: Date | null };
  close(): Promise<void>;
}

/** Extra settings per subgraph (merged into its config), for tests of features that need them. */
export type SystemOptions = {
  overrides?: Partial<Record<SubgraphName, Record<string, unknown>>>;
  /**
   * A private server running deploy/nats/nats-server.conf (`startSecuredNats`): each service then
   * connects as its own NATS user, on the production stream `QURBANI` without a subject prefix.
   */
  securedNats?: SecuredNats;
  /** Starts the notifier too, with these providers (and settings). */
  notifier?: Partial<NotifierConfig>;
  /** Replicas per subgraph (default 1): the others share the first's database, stream and settings. */
  replicas?: Partial<Record<SubgraphName, number>>;
  /** The gateway's rate limits, for setups that act faster than any person (a thousand orders). */
  rateLimits?: GatewayConfig['rateLimits'];
};
type SubgraphName = 'identity' | 'donor' | 'sacrifice' | 'video' | 'delivery' | 'skin';

export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const run = testRunId();
  const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const secrets = {
    internalSecret: `internal-${run}-0123456789abcdef0123456789`,
    accessTokenSecret: `access-${run}-0123456789abcdef0123456789`,
    piiKey: `pii-${run}-0123456789abcdef0123456789abcd`,
    notifySealKey: `seal-${run}-0123456789abcdef0123456789abcd`,
  };
  const secured = options.securedNats;
  const streamName = secured ? 'QURBANI' : `QURBANI_E2E_${run.toUpperCase()}`;
  const subjectPrefix = secured ? '' : streamName.toLowerCase();
  const natsUrl = secured ? secured.urlFor('admin') : (process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
  const natsUrlOf = (user: SubgraphName | 'gateway') =>
    !secured ? natsUrl : secured.users.includes(user) ? secured.urlFor(user) : secured.url;
  const sql: Record<string, string[]> = {};
  const now = { value: null as Date | null };
  const common = (name: SubgraphName) => {
    sql[name] = [];
    return {
      port: 0,
      baseUrl,
      dbName: `qurbani_${name}_${run}`,
      internalSecret: secrets.internalSecret,
      natsUrl: natsUrlOf(name),
      streamName,
      subjectPrefix,
      onQuery: (line: string) => sql[name]!.push(line),
      now: () => now.value ?? new Date(),
      ...options.overrides?.[name],
    };
  };
  const redis = { redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisPrefix: `test:${run}:` };

  const subgraphs: Record<string, RunningSubgraph> = {};
  const replicas: Record<string, RunningSubgraph[]> = {};
  /** `options.replicas[name]` instances (default 1) on one config; the first is `subgraphs[name]`. */
  const replicated = async <C>(name: SubgraphName, start: (config: C) => Promise<RunningSubgraph>, config: C) => {
    replicas[name] = [];
    for (let i = 0; i < (options.replicas?.[name] ?? 1); i++) replicas[name].push(await start(config));
    return replicas[name][0]!;
  };
  subgraphs.identity = await replicated('identity', startIdentitySubgraph, {
    ...common('identity'),
    ...redis,
    accessTokenSecret: secrets.accessTokenSecret,
    accessTokenTtlSeconds: 300,
    refreshTokenTtlDays: 1,
    piiKey: secrets.piiKey,
    bootstrapOrganizer: ORGANIZER,
  });
  subgraphs.donor = await replicated('donor', startDonorSubgraph, {
    ...common('donor'),
    piiKey: secrets.piiKey,
    notifySealKey: secrets.notifySealKey,
  });
  subgraphs.sacrifice = await replicated('sacrifice', startSacrificeSubgraph, { ...common('sacrifice'), ...redis });
  // Redis shares tus' upload locks between video replicas, as in production.
  subgraphs.video = await replicated('video', startVideoSubgraph, { ...common('video'), ...redis });
  subgraphs.delivery = await replicated('delivery', startDeliverySubgraph, {
    ...common('delivery'),
    ...redis,
    piiKey: secrets.piiKey,
    notifySealKey: secrets.notifySealKey,
  });
  const notifierDb = `qurbani_notifier_${run}`;
  const notifier = options.notifier
    ? await startNotifier({
        port: 0,
        baseUrl,
        dbName: notifierDb,
        natsUrl: !secured ? natsUrl : secured.users.includes('notifier') ? secured.urlFor('notifier') : secured.url,
        streamName,
        subjectPrefix,
        sealKey: secrets.notifySealKey,
        retry: { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 1000 },
        concurrency: 4,
        leaseMs: 10_000,
        pollMs: 200,
        smsSegmentBudget: 3,
        ...options.notifier,
      })
    : null;
  subgraphs.skin = await replicated('skin', startSkinSubgraph, { ...common('skin'), piiKey: secrets.piiKey });

  const supergraphSdl = readFileSync(new URL('../../../../schema/supergraph.graphql', import.meta.url), 'utf8');
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl,
    subgraphUrls: Object.fromEntries(Object.entries(replicas).map(([name, all]) => [name, all.map((s) => s.url)])),
    accessTokenSecret: secrets.accessTokenSecret,
    internalSecret: secrets.internalSecret,
    ...redis,
    natsUrl: natsUrlOf('gateway'),
    subjectPrefix,
    metricsPort: 0,
    rateLimits: options.rateLimits,
  });

  return {
    gateway,
    subgraphs,
    replicas,
    secrets,
    notifier,
    redis,
    supergraphSdl,
    nats: { url: natsUrl, streamName, subjectPrefix },
    sql,
    now,
    client: (token) => new QurbaniClient(gateway.url, token),
    resetCounters() {
      for (const name of Object.keys(sql)) sql[name] = [];
      for (const s of Object.values(subgraphs)) s.stats.requests = 0;
    },
    async close() {
      await gateway.close();
      await notifier?.close();
      await Promise.all(Object.values(replicas).flatMap((all) => all.map((s) => s.close())));
      const nats = await connectNats(natsUrl);
      await nats.jsm.streams.delete(streamName).catch(() => undefined);
      await nats.close();
      await deleteRedisKeys(redis.redisPrefix, redis.redisUrl);
      await dropDatabases(baseUrl, [
        ...Object.keys(sql).map((name) => `qurbani_${name}_${run}`),
        ...(notifier ? [notifierDb] : []),
      ]);
    },
  };
}
