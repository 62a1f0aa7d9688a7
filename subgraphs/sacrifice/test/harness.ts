import { connectNats, Subject, type NatsHandles } from '@qurbani/events';
import { newId, Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { callSubgraph, dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { startSacrificeSubgraph, type SacrificeConfig } from '../src/app.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';

export const viewerOf = (...roles: Role[]): Viewer => ({ id: newId(), roles, sessionId: newId() });

/** The sacrifice subgraph on a throw-away database and stream, with a settable clock and SQL capture. */
export async function startHarness() {
  const run = testRunId();
  const sql: string[] = [];
  const clock = { now: new Date('2026-05-28T06:00:00Z') };
  const config: SacrificeConfig = {
    port: 0,
    baseUrl: 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_sacrifice_${run}`,
    internalSecret: secret,
    natsUrl: 'nats://127.0.0.1:4222',
    streamName: `QURBANI_TEST_${run}`,
    // Streams on one server may not share subjects: this run gets its own namespace.
    subjectPrefix: run,
    onQuery: (line) => void sql.push(line),
    now: () => clock.now,
  };
  const subgraph: RunningSubgraph = await startSacrificeSubgraph(config);
  const nats: NatsHandles = await connectNats(config.natsUrl);
  const organizer = viewerOf(Role.ORGANIZER);

  const call = async <T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>) =>
    callSubgraph<T>(subgraph.url, secret, viewer, query, variables);
  /** Calls and fails the test on any GraphQL error. */
  const ok = async <T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const res = await call<T>(viewer, query, variables);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!;
  };
  const rows = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
    subgraph.orm.em.fork().getConnection().execute<T[]>(query, params);

  return {
    config, subgraph, nats, sql, clock, organizer, call, ok, rows,

    async season(hijriYear = 1447, extra: Record<string, unknown> = {}) {
      const data = await ok(organizer, `mutation($i: CreateSeasonInput!) { createSeason(input: $i) { id day10 day13 } }`, {
        i: { name: `Eid al-Adha ${hijriYear}`, hijriYear, ...extra },
      });
      return data.createSeason as { id: string; day10: string; day13: string };
    },

    async site(seasonId: string, name: string, timeZone = 'Asia/Karachi', extra: Record<string, unknown> = {}): Promise<string> {
      const data = await ok(organizer, `mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }`, {
        i: { seasonId, name, region: 'Test', timeZone, ...extra },
      });
      return data.createSite.id;
    },

    async animals(siteId: string, species: string, tags: string[]): Promise<string[]> {
      const data = await ok(organizer, `mutation($s: ID!, $sp: Species!, $a: [NewAnimalInput!]!) { addAnimals(siteId: $s, species: $sp, animals: $a) { id } }`, {
        s: siteId, sp: species, a: tags.map((tag) => ({ tag, weightKg: 40 })),
      });
      return data.addAnimals.map((a: { id: string }) => a.id);
    },

    /** Publishes `order.placed` as the donor subgraph's relay would, and waits until its shares are stored. */
    async placeOrder(donorId: string, species: string, names: string[]) {
      const order = { orderId: newId(), donorId, species, shares: names.map((offeredFor) => ({ shareId: newId(), offeredFor })) };
      await nats.js.publish(`${run}.${Subject.OrderPlaced}`, JSON.stringify(order), { msgID: newId() });
      await eventually(async () => {
        const [row] = await rows<{ n: string }>('select count(*) as n from order_share where order_id = ?', [order.orderId]);
        return Number(row!.n) === names.length;
      });
      return order;
    },

    /** Publishes `order.cancel-requested` as the donor subgraph would. */
    async cancelOrder(orderId: string) {
      await nats.js.publish(`${run}.${Subject.OrderCancelRequested}`, JSON.stringify({ orderId }), { msgID: newId() });
    },

    /** Waits for this subgraph's answer to a cancellation request (from its outbox, so before the relay). */
    async cancelDecision(orderId: string): Promise<{ orderId: string; decision: string; reason?: string; decidedAt: string }> {
      return eventually(async () => {
        const [row] = await rows<{ payload: { orderId: string; decision: string; reason?: string; decidedAt: string } }>(
          `select payload from outbox_message where subject = ? and payload->>'orderId' = ? order by id desc limit 1`,
          [Subject.OrderCancelDecided, orderId],
        );
        return row?.payload;
      });
    },

    async allocate(seasonId: string, extra: Record<string, unknown> = {}) {
      const data = await ok(organizer, `mutation($s: ID!, $site: ID, $full: Boolean) { allocateShares(seasonId: $s, siteId: $site, onlyFullAnimals: $full) { sacrificesCreated sharesAllocated sharesPending } }`, {
        s: seasonId, ...extra,
      });
      return data.allocateShares as { sacrificesCreated: number; sharesAllocated: number; sharesPending: number };
    },

    /** Every message on this run's stream under `subject`, in order. */
    async published(subject: string): Promise<any[]> {
      const info = await nats.jsm.streams.info(config.streamName);
      const out: any[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await nats.jsm.streams.getMessage(config.streamName, { seq }).catch(() => null);
        if (msg?.subject === `${run}.${subject}`) out.push(msg.json());
      }
      return out;
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
