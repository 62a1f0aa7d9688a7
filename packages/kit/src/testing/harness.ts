import { connectNats, type EventPayloads, type NatsHandles } from '@qurbani/events';
import assert from 'node:assert/strict';
import { newId } from '../ids.js';
import type { RunningSubgraph } from '../server.js';
import type { RequestOrigin, Viewer } from '../viewer.js';
import { callSubgraph, deleteRedisKeys, dropDatabases, testRunId, type SubgraphAnswer } from './support.js';

/** Secrets of test runs; never used outside tests (production refuses short or known values anyway). */
export const TEST_SECRETS = {
  internalSecret: 'test-internal-secret-0123456789abcdef0123456789',
  piiKey: 'test-pii-key-0123456789abcdef0123456789abcdef',
  accessTokenSecret: 'test-access-secret-0123456789abcdef0123456789',
  notifySealKey: 'test-notify-seal-key-0123456789abcdef0123456789',
} as const;

/** What one test run of a service owns alone: a database, a JetStream stream and subject prefix. */
export interface TestRun {
  readonly run: string;
  readonly port: 0;
  readonly baseUrl: string;
  readonly dbName: string;
  readonly internalSecret: string;
  readonly piiKey: string;
  readonly notifySealKey: string;
  readonly natsUrl: string;
  readonly streamName: string;
  /** Streams on one server may not share subjects: each run publishes under its own prefix. */
  readonly subjectPrefix: string;
}

/** A fresh run for `service` (`qurbani_<service>_<run>` database, `QURBANI_TEST_<run>` stream). */
export function testRun(service: string): TestRun {
  const run = testRunId();
  return {
    run,
    port: 0,
    baseUrl: process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_${service}_${run}`,
    ...TEST_SECRETS,
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    streamName: `QURBANI_TEST_${run}`,
    subjectPrefix: run,
  };
}

/** The run's stream seen from outside: publish what another service would, read what was published. */
export interface TestStream {
  readonly nats: NatsHandles;
  /** Publishes `payload` under the run's prefix, as another service's relay would; returns its fresh msgID. */
  publish<S extends keyof EventPayloads>(subject: S, payload: EventPayloads[S]): Promise<string>;
  /** Every message on the run's stream under `subject`, in order. */
  published(subject: string): Promise<any[]>;
  /** Deletes the stream and disconnects. */
  close(): Promise<void>;
}

export async function testStream(run: TestRun): Promise<TestStream> {
  const nats = await connectNats(run.natsUrl);
  return {
    nats,
    async publish(subject, payload) {
      const msgID = newId();
      await nats.js.publish(`${run.subjectPrefix}.${subject}`, JSON.stringify(payload), { msgID });
      return msgID;
    },
    async published(subject) {
      const info = await nats.jsm.streams.info(run.streamName);
      const out: any[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await nats.jsm.streams.getMessage(run.streamName, { seq }).catch(() => null);
        if (msg?.subject === `${run.subjectPrefix}.${subject}`) out.push(msg.json());
      }
      return out;
    },
    async close() {
      await nats.jsm.streams.delete(run.streamName).catch(() => undefined);
      await nats.close();
    },
  };
}

/** What a test needs of a running subgraph. */
export type ServiceUnderTest = Pick<RunningSubgraph, 'url' | 'orm' | 'close'>;

/** The settings a subgraph is started with in a test: the run's, plus SQL capture. */
export type TestSettings = TestRun & { onQuery(line: string): void };

const OWN_STATEMENT = /\b(select|insert|update|delete)\b/i;
// The relay polls the outbox, consumers write the inbox and dead letters, in their own transactions.
const MESSAGING_TABLES = /outbox_message|inbox_message|dead_letter/;

/**
 * Starts a subgraph on a throw-away database and stream, and gives what tests need around it:
 * calls as the gateway would, raw SQL, the statements sent, the stream. `close()` stops it, deletes
 * the stream and drops the database.
 */
export async function startTestSubgraph<S extends ServiceUnderTest>(
  service: string,
  start: (settings: TestSettings) => Promise<S>,
) {
  const run = testRun(service);
  /** Every SQL log line. */
  const sql: string[] = [];
  /** Statements on the subgraph's own tables (messaging tables left out), as sent. */
  const queries: string[] = [];
  const onQuery = (line: string) => {
    sql.push(line);
    const statement = line.replace(/\x1B\[[0-9;]*m/g, '');
    if (OWN_STATEMENT.test(statement) && !MESSAGING_TABLES.test(statement)) queries.push(statement);
  };
  const subgraph = await start({ ...run, onQuery });
  const stream = await testStream(run);

  const call = <T = any>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
    origin?: RequestOrigin,
  ): Promise<SubgraphAnswer<T>> => callSubgraph<T>(subgraph.url, run.internalSecret, viewer, query, variables, origin);

  return {
    run,
    subgraph,
    sql,
    queries,
    ...stream,
    call,
    /** Calls and fails the test on any GraphQL error. */
    async ok<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<T> {
      const res = await call<T>(viewer, query, variables);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!;
    },
    /** Raw SQL (`?` placeholders) on the subgraph's own database, for checking what is stored. */
    rows<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
      return subgraph.orm.em.fork().execute(query, params) as Promise<T[]>;
    },
    /** The subgraph's own statements sent while `work` runs. */
    async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
      const start = queries.length;
      await work();
      return queries.slice(start);
    },
    async close() {
      await subgraph.close();
      await stream.close();
      await deleteRedisKeys(`${run.subjectPrefix}:`);
      await dropDatabases(run.baseUrl, [run.dbName]);
    },
  };
}

export type TestSubgraph<S extends ServiceUnderTest = ServiceUnderTest> = Awaited<
  ReturnType<typeof startTestSubgraph<S>>
>;

/** A viewer with fresh ids holding `roles`. */
export const viewerOf = (...roles: Viewer['roles'][number][]): Viewer => ({ id: newId(), roles, sessionId: newId() });

/** A `sacrifice.allocated` event as the sacrifice subgraph publishes it, with fresh ids for what a test does not name. */
export const sacrificeAllocated = (
  sacrificeId: string,
  donorIds: string[],
  species: EventPayloads['sacrifice.allocated']['species'] = 'SHEEP',
): EventPayloads['sacrifice.allocated'] => ({
  sacrificeId,
  animalId: newId(),
  siteId: newId(),
  species,
  orderIds: [newId()],
  donorIds,
});
