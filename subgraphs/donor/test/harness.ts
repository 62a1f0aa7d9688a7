import { connectNats, Subject, type CancelDecision, type NatsHandles } from '@qurbani/events';
import { newId, Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { callSubgraph, dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import { startDonorSubgraph, type DonorConfig } from '../src/app.js';
import { CANCEL_DECISION_DURABLE } from '../src/events.js';

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
  /** Raw SQL on the subgraph's own database, for checking what is stored. */
  const rows = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
    subgraph.orm.em.fork().getConnection().execute<T[]>(query, params);
  return {
    config,
    subgraph,
    nats,
    sql,
    call: <T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>) =>
      callSubgraph<T>(subgraph.url, secret, viewer, query, variables),
    rows,
    /** Publishes the sacrifice subgraph's answer to a cancellation request and waits until it is handled. */
    async decideCancel(orderId: string, decision: CancelDecision) {
      const msgID = newId();
      const payload = { orderId, decision, ...(decision === 'REFUSED' ? { reason: 'ALREADY_ALLOCATED' } : {}), decidedAt: new Date().toISOString() };
      await nats.js.publish(`${config.subjectPrefix}.${Subject.OrderCancelDecided}`, JSON.stringify(payload), { msgID });
      await eventually(async () => (await rows(`select 1 from inbox_message where consumer = ? and message_id = ?`, [CANCEL_DECISION_DURABLE, msgID])).length > 0);
    },
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
