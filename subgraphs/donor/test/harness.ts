import { connectNats, type NatsHandles } from '@qurbani/events';
import { newId, Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { callSubgraph, dropDatabases, testRunId } from '@qurbani/kit/testing';
import { startDonorSubgraph, type DonorConfig } from '../src/app.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';

/** The donor subgraph on a throw-away database and stream, plus a NATS handle and SQL capture for assertions. */
export async function startHarness() {
  const run = testRunId();
  const sql: string[] = [];
  const config: DonorConfig = {
    port: 0,
    baseUrl: 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_donor_${run}`,
    internalSecret: secret,
    piiKey: 'test-pii-key-0123456789abcdef0123456789abcdef',
    natsUrl: 'nats://127.0.0.1:4222',
    streamName: `QURBANI_TEST_${run}`,
    // Streams on one server may not share subjects: this run gets its own namespace.
    subjectPrefix: run,
    onQuery: (line) => void sql.push(line),
  };
  const subgraph: RunningSubgraph = await startDonorSubgraph(config);
  const nats: NatsHandles = await connectNats(config.natsUrl);
  return {
    config,
    subgraph,
    nats,
    sql,
    call: <T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>) =>
      callSubgraph<T>(subgraph.url, secret, viewer, query, variables),
    /** Raw SQL on the subgraph's own database, for checking what is stored. */
    rows: <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      subgraph.orm.em.fork().getConnection().execute<T[]>(query, params),
    async close() {
      await subgraph.close();
      await nats.jsm.streams.delete(config.streamName).catch(() => undefined);
      await nats.close();
      await dropDatabases(config.baseUrl, [config.dbName]);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const viewerOf = (...roles: Role[]): Viewer => ({ id: newId(), roles, sessionId: newId() });
