import { AllocatedSacrifice, connectNats, Subject, type NatsHandles } from '@qurbani/events';
import { newId, type RunningSubgraph, type Viewer, type Role } from '@qurbani/kit';
import { callSubgraph, dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import { startSkinSubgraph, type SkinConfig } from '../src/app.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';
const baseUrl = 'postgresql://postgres@127.0.0.1:5432';

export const person = (...roles: Role[]): Viewer => ({ id: newId(), roles, sessionId: newId() });

/** A running skin subgraph on a throw-away database and stream, plus what tests need around it. */
export interface Harness {
  subgraph: RunningSubgraph;
  config: SkinConfig;
  /** SQL statements on this subgraph's own tables (the consumer's inbox writes are left out). */
  queries: string[];
  call<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): ReturnType<typeof callSubgraph<T>>;
  /** Publishes `sacrifice.allocated` and waits until it is applied. */
  allocate(sacrificeId: string, donorIds: string[], species?: 'SHEEP' | 'GOAT' | 'COW' | 'CAMEL'): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(now?: () => Date): Promise<Harness> {
  const run = testRunId();
  const streamName = `QURBANI_TEST_${run}`;
  const subjectPrefix = streamName.toLowerCase();
  const queries: string[] = [];
  const config: SkinConfig = {
    port: 0,
    baseUrl,
    dbName: `qurbani_skin_${run}`,
    internalSecret: secret,
    piiKey: 'test-pii-key-0123456789abcdef0123456789abcdef',
    natsUrl: 'nats://127.0.0.1:4222',
    streamName,
    subjectPrefix,
    now,
    onQuery: (sql) => {
      if (/\b(select|insert|update|delete)\b/.test(sql) && !/outbox_message|inbox_message|dead_letter/.test(sql)) queries.push(sql);
    },
  };
  const subgraph = await startSkinSubgraph(config);
  const nats: NatsHandles = await connectNats(config.natsUrl);

  return {
    subgraph,
    config,
    queries,
    call: (viewer, query, variables) => callSubgraph(subgraph.url, secret, viewer, query, variables),
    async allocate(sacrificeId, donorIds, species = 'SHEEP') {
      const payload = { sacrificeId, animalId: newId(), siteId: newId(), species, orderIds: [newId()], donorIds };
      await nats.js.publish(`${subjectPrefix}.${Subject.SacrificeAllocated}`, JSON.stringify(payload), { msgID: newId() });
      await eventually(async () => !!(await subgraph.orm.em.fork().findOne(AllocatedSacrifice, { sacrificeId })));
    },
    async close() {
      await subgraph.close();
      await nats.jsm.streams.delete(streamName).catch(() => undefined);
      await nats.close();
      await dropDatabases(baseUrl, [config.dbName]);
    },
  };
}
