import { connectNats, Subject, type EventPayloads, type NatsHandles } from '@qurbani/events';
import { newId, Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { callSubgraph, dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import { SacrificeAccess } from '../src/access/sacrifice-access.entity.js';
import { startVideoSubgraph, type VideoConfig } from '../src/app.js';

export const secret = 'test-internal-secret-0123456789abcdef0123456789';
const baseUrl = 'postgresql://postgres@127.0.0.1:5432';

export const person = (...roles: Role[]): Viewer => ({ id: newId(), roles, sessionId: newId() });

/** A running video subgraph on a throw-away database and stream, plus what tests need around it. */
export interface Harness {
  subgraph: RunningSubgraph;
  /** SQL statements of this subgraph's own tables (the relay's outbox polling is left out). */
  queries: string[];
  call<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): ReturnType<typeof callSubgraph<T>>;
  /** Publishes `sacrifice.allocated` and `sacrifice.assigned` and waits until both are applied. */
  allocate(sacrificeId: string, donorIds: string[], executorId: string): Promise<void>;
  close(): Promise<void>;
}

/** `extra` adds settings to the subgraph's config (media roots, clocks...). */
export async function startHarness(now?: () => Date, extra: Partial<VideoConfig> = {}): Promise<Harness> {
  const run = testRunId();
  const streamName = `QURBANI_TEST_${run}`;
  const subjectPrefix = streamName.toLowerCase();
  const queries: string[] = [];
  const config: VideoConfig = {
    port: 0,
    baseUrl,
    dbName: `qurbani_video_${run}`,
    internalSecret: secret,
    natsUrl: 'nats://127.0.0.1:4222',
    streamName,
    subjectPrefix,
    now,
    onQuery: (sql) => {
      // The relay polls the outbox and consumers write the inbox in their own transactions.
      if (/\b(select|insert|update|delete)\b/.test(sql) && !/outbox_message|inbox_message|dead_letter/.test(sql)) queries.push(sql);
    },
    ...extra,
  };
  const subgraph = await startVideoSubgraph(config);
  const nats: NatsHandles = await connectNats(config.natsUrl);
  const publish = <S extends keyof EventPayloads>(subject: S, payload: EventPayloads[S]) =>
    nats.js.publish(`${subjectPrefix}.${subject}`, JSON.stringify(payload), { msgID: newId() });

  return {
    subgraph,
    queries,
    call: (viewer, query, variables) => callSubgraph(subgraph.url, secret, viewer, query, variables),
    async allocate(sacrificeId, donorIds, executorId) {
      await publish(Subject.SacrificeAllocated, { sacrificeId, animalId: newId(), siteId: newId(), species: 'SHEEP', orderIds: [newId()], donorIds });
      await publish(Subject.SacrificeAssigned, { sacrificeId, executorId, donorIds });
      await eventually(async () => {
        const row = await subgraph.orm.em.fork().findOne(SacrificeAccess, { sacrificeId });
        return !!row && row.executorId === executorId && row.donorIds.length === donorIds.length;
      });
    },
    async close() {
      await subgraph.close();
      await nats.jsm.streams.delete(streamName).catch(() => undefined);
      await nats.close();
      await dropDatabases(baseUrl, [config.dbName]);
    },
  };
}
