import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AssignByQuotaDocument,
  CreateMeatPacksDocument,
  MyOrdersTrackingDocument,
  RecordHideDocument,
  StartProofVideoDocument,
} from '@qurbani/sdk';
import { fetchesPerSubgraph } from './support/query-plan.js';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  inParallel,
  placeOrder,
  registerDonor,
  SEASON_1447,
  signInOrganizer,
  type Actor,
  performSacrifice,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { workAt } from './support/staff.js';

/** A donor who ordered for the whole family network: ten full pages of the tracking screen. */
const ORDERS = 1000;
const PAGE = 100;

/**
 * SQL a request caused. The outbox relay, the event consumers and the sweeps that lease work
 * (`skip locked`, such as the expiry of unpaid orders) run on their own timers and are left out.
 */
const requestSql = (lines: string[]) =>
  lines.filter(
    (line) =>
      /\b(select|insert|update|delete)\b/i.test(line) &&
      !/outbox_message|inbox_message|dead_letter|for update skip locked/.test(line),
  );

describe('the work behind a donor with 1,000 tracked orders', () => {
  let system: System;
  let donor: Actor;

  before(async () => {
    system = await startSystem({ rateLimits: { account: { points: 100_000, duration: 10 } } });
    const organizer = await signInOrganizer(system);
    const executor = await createStaff(system, organizer, 'EXECUTOR', 'Executor');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', ORDERS);
    donor = await registerDonor(system);
    await inParallel(Array.from({ length: ORDERS }), 8, (_, i) => placeOrder(donor, 'SHEEP', [`Name ${i}`]));
    await allocateAll(system, organizer, seasonId, ORDERS, 8);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: ORDERS });
    // Related state on the first five sacrifices and on the first of every page, so every batch below
    // has rows to find on every page.
    const stated: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < ORDERS / PAGE; page++) {
      const { myOrders } = await donor.client.request(MyOrdersTrackingDocument, { first: PAGE, after });
      const firsts = myOrders.edges.slice(0, page === 0 ? 5 : 1);
      stated.push(...firsts.map((edge) => edge.node.sacrifices.edges[0]!.node.id));
      after = myOrders.pageInfo.endCursor ?? undefined;
    }
    for (const sacrificeId of stated) {
      // 1,000 assignments reach the video subgraph one at a time (its consumer keeps their order): give it time.
      await eventually(
        () => executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors),
        180_000,
        250,
      );
      await performSacrifice(system, executor, sacrificeId);
      await eventually(() =>
        organizer.client.execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: [2] }).then((r) => !r.errors),
      );
      await eventually(() =>
        organizer.client
          .execute(RecordHideDocument, { sacrificeId, collectedAt: SEASON_1447.insideWindow, weightKg: 3 })
          .then((r) => !r.errors),
      );
    }
  });
  after(() => system?.close());

  async function measure(first: number, after?: string) {
    system.resetCounters();
    const { myOrders } = await donor.client.request(MyOrdersTrackingDocument, { first, after });
    const requests = Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.stats.requests]));
    const sql = Object.fromEntries(Object.entries(system.sql).map(([name, lines]) => [name, requestSql(lines).length]));
    return { orders: myOrders.edges.length, requests, sql, next: myOrders.pageInfo.endCursor ?? undefined };
  }

  it('sends each subgraph one request per step of the query plan, whatever the list length', async () => {
    const planned = fetchesPerSubgraph(system.supergraphSdl, MyOrdersTrackingDocument);
    assert.equal(Object.keys(planned).length, 6, `the plan should reach all six subgraphs: ${JSON.stringify(planned)}`);
    const large = await measure(PAGE);
    assert.equal(large.orders, PAGE);
    assert.deepEqual(large.requests, planned);
    assert.deepEqual((await measure(10)).requests, planned);
  });

  it('runs one SQL query per entity batch: the same number for 10 orders as for 100, on every page of 1,000', async () => {
    const small = await measure(10);
    const large = await measure(PAGE);
    assert.deepEqual(
      large.sql,
      small.sql,
      `SQL per subgraph, 10 orders ${JSON.stringify(small.sql)} vs 100 ${JSON.stringify(large.sql)}`,
    );
    // Sacrifices need their shares, animals and sites; meat packs their deliveries; one lookup elsewhere.
    // Animals and sites come from the entity cache once read, so a page read first may run one more.
    const limits: Record<string, number> = { donor: 1, sacrifice: 4, identity: 1, video: 1, delivery: 2, skin: 1 };
    const withinLimits = (sql: Record<string, number>, where: string) => {
      for (const [name, limit] of Object.entries(limits)) {
        assert.ok(
          sql[name]! <= limit,
          `${where}: ${name} ran ${sql[name]} statements: ${system.sql[name]!.join('\n')}`,
        );
      }
    };
    withinLimits(large.sql, 'the first page');
    let seen = 0;
    for (let page = await measure(PAGE); ; page = await measure(PAGE, page.next)) {
      seen += page.orders;
      withinLimits(page.sql, `the page ending at order ${seen}`);
      if (page.orders < PAGE || seen === ORDERS) break;
    }
    assert.equal(seen, ORDERS);
  });
});
