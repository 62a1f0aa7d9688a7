import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@qurbani/kit/testing';
import {
  AllocateSharesDocument,
  CancelOrderDocument,
  OrderCancellationDocument,
  RecordPaymentDocument,
  SiteSacrificesDocument,
} from '@qurbani/sdk';
import {
  addAnimals,
  createSeasonAndSite,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

const ROUNDS = 6;
const ORDERS_PER_ROUND = 8;
/** Fewer sheep than orders: every round, some cancels must find no animal and be confirmed. */
const SHEEP_PER_ROUND = 6;

interface Raced {
  orderId: string;
  name: string;
  donor: Actor;
  askedWhilePlaced: boolean;
}

describe('a donor cancelling while the organizer records payments and allocates, raced through the gateway', () => {
  let system: System;
  let organizer: Actor;
  let seasonId: string;
  let siteId: string;
  const raced: Raced[] = [];

  const sharesHeld = async (orderIds: string[]) => {
    const rows = await system.subgraphs
      .sacrifice!.orm.em.fork()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from order_share where order_id in (?)', [orderIds]);
    return Number(rows[0]?.n);
  };

  before(async () => {
    system = await startSystem();
    organizer = await signInOrganizer(system);
    ({ seasonId, siteId } = await createSeasonAndSite(organizer, system));
    const donors = await Promise.all([1, 2, 3, 4].map((i) => registerDonor(system, `Donor ${i}`)));

    for (let round = 0; round < ROUNDS; round++) {
      await addAnimals(organizer, siteId, 'SHEEP', SHEEP_PER_ROUND);
      // Placed one after another, so the first orders are first in line for an animal.
      const batch: Raced[] = [];
      for (let i = 0; i < ORDERS_PER_ROUND; i++) {
        const donor = donors[i % donors.length]!;
        const name = `Round ${round} share ${i}`;
        batch.push({ orderId: (await placeOrder(donor, 'SHEEP', [name])).id, name, donor, askedWhilePlaced: false });
      }
      // Wait until the sacrifice subgraph holds every share, so the allocation run can take them.
      await eventually(async () => (await sharesHeld(batch.map((o) => o.orderId))) === ORDERS_PER_ROUND, 20_000);
      // Payments of every order (refused for one whose donor already asked to cancel), then one
      // allocation run of the paid ones; the first two orders are cancelled the moment it answers
      // (before the donor subgraph hears of it), the others at times spread over the payments, the run
      // and its events.
      const allocation = (async () => {
        const paid: string[] = [];
        for (const order of batch) {
          const res = await organizer.client.execute(RecordPaymentDocument, {
            input: {
              orderId: order.orderId,
              amountMinor: 25_000,
              currency: 'GBP',
              provider: 'bank-transfer',
              reference: `race-${order.orderId}`,
            },
          });
          if (res.errors) assert.equal(res.errors[0]?.extensions?.code, 'CONFLICT', JSON.stringify(res.errors));
          else paid.push(order.orderId);
        }
        const sacrificeDb = system.subgraphs.sacrifice!.orm.em.fork().getConnection();
        await eventually(async () => {
          const [row] = await sacrificeDb.execute<{ n: string }[]>(
            'select count(*) as n from paid_order where order_id in (?)',
            [paid.length ? paid : ['00000000-0000-0000-0000-000000000000']],
          );
          return Number(row?.n) === paid.length;
        }, 20_000);
        return organizer.client.request(AllocateSharesDocument, { seasonId });
      })();
      await Promise.all([
        allocation,
        ...batch.map(async (order, i) => {
          if (i < 2) await allocation;
          else await sleep((i - 2) * 15);
          const res = await order.donor.client.execute(CancelOrderDocument, { id: order.orderId });
          if (res.errors) {
            // Only once the order has a payment (or the donor already saw ALLOCATED).
            assert.equal(res.errors[0]?.extensions?.code, 'CONFLICT', JSON.stringify(res.errors));
          } else {
            assert.equal(res.data!.cancelOrder.cancellationStatus, 'REQUESTED');
            order.askedWhilePlaced = true;
          }
        }),
      ]);
      raced.push(...batch);
    }
    // Settled: every order is cancelled, allocated, or paid and waiting for an animal.
    await eventually(
      async () => {
        for (const o of raced) {
          const { order } = await o.donor.client.request(OrderCancellationDocument, { id: o.orderId });
          // A paid order left without an animal (fewer sheep than orders) waits, PLACED, for the next one.
          if (order.status !== 'CANCELLED' && order.status !== 'ALLOCATED' && order.status !== 'PLACED') return false;
          if (order.cancellationStatus === 'REQUESTED') return false;
        }
        return true;
      },
      30_000,
      200,
    );
  });
  after(() => system?.close());

  it('never shows a CANCELLED order with a sacrifice or its name on an animal', async () => {
    const { sacrifices } = await organizer.client.request(SiteSacrificesDocument, { siteId, first: 100 });
    const spoken = new Set(sacrifices.edges.flatMap((e) => e.node.namesToPronounce));
    let cancelled = 0;
    for (const o of raced) {
      const { order } = await o.donor.client.request(OrderCancellationDocument, { id: o.orderId });
      if (order.status !== 'CANCELLED') continue;
      cancelled++;
      assert.equal(order.cancellationStatus, 'CONFIRMED');
      assert.deepEqual(order.sacrifices.edges, [], `cancelled order ${o.name} has a sacrifice`);
      assert.ok(!spoken.has(o.name), `the name of cancelled order ${o.name} is still to be pronounced`);
    }
    assert.ok(cancelled > 0, 'some cancels were confirmed');
  });

  it('never keeps an allocated share of a cancelled order', async () => {
    const cancelled: string[] = [];
    for (const o of raced) {
      const { order } = await o.donor.client.request(OrderCancellationDocument, { id: o.orderId });
      if (order.status === 'CANCELLED') cancelled.push(o.orderId);
    }
    const rows = await system.subgraphs
      .sacrifice!.orm.em.fork()
      .getConnection()
      .execute('select share_id from order_share where order_id in (?) and sacrifice_id is not null', [cancelled]);
    assert.deepEqual(rows, []);
  });

  it('never puts an order on an animal once its donor asked to cancel: unpaid, it is never allocated', async () => {
    let asked = 0;
    for (const o of raced) {
      const { order } = await o.donor.client.request(OrderCancellationDocument, { id: o.orderId });
      if (o.askedWhilePlaced) asked++;
      if (order.status !== 'ALLOCATED') continue;
      assert.equal(order.sacrifices.edges.length, 1);
      assert.deepEqual(order.sacrifices.edges[0]!.node.namesToPronounce, [o.name]);
      // A cancel accepted while the order was unpaid: its payment was refused, so it was never allocated.
      assert.equal(o.askedWhilePlaced, false, `order ${o.name} was allocated after its donor asked to cancel`);
    }
    assert.ok(asked > 0, 'the race was run: some cancels were accepted while payments were being recorded');
  });
});
