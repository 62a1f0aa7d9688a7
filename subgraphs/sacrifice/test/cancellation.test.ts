import { Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

/** Every share of `orderIds` that stands on an animal, and every sacrifice that names one of them. */
async function onAnimals(h: Harness, orderIds: string[]) {
  if (orderIds.length === 0) return 0;
  const shares = await h.rows('select share_id from order_share where order_id in (?) and sacrifice_id is not null', [
    orderIds,
  ]);
  const sacrifices = await h.rows(
    'select id from sacrifice s where exists (select 1 from unnest(s.order_ids) o where o in (?))',
    [orderIds],
  );
  return shares.length + sacrifices.length;
}

describe('a donor cancelling an order, decided where shares are allocated', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('confirms the cancel of waiting shares and releases them, even when the cancel arrives first', async () => {
    const donor = viewerOf(Role.DONOR);
    const order = await h.placeOrder(donor.id, 'GOAT', ['Goat name']);
    await h.cancelOrder(order.orderId);
    assert.deepEqual(await h.cancelDecision(order.orderId), {
      orderId: order.orderId,
      decision: 'CONFIRMED',
      decidedAt: '2026-05-28T06:00:00.000Z',
    });
    assert.equal((await h.rows('select 1 from order_share where order_id = ?', [order.orderId])).length, 0);

    // A late order.placed for the same order (e.g. a redelivery) does not bring the share back.
    const orderId = '01900000-0000-7000-8000-000000000001';
    await h.cancelOrder(orderId);
    assert.equal((await h.cancelDecision(orderId)).decision, 'CONFIRMED');
    await h.nats.js.publish(
      `${h.run.subjectPrefix}.${Subject.OrderPlaced}`,
      JSON.stringify({
        orderId,
        donorId: donor.id,
        species: 'GOAT',
        shares: [{ shareId: '01900000-0000-7000-8000-000000000002', offeredFor: 'Late' }],
      }),
      { msgID: 'late-placed' },
    );
    await eventually(
      async () =>
        (
          await h.rows(
            `select 1 from inbox_message where consumer = 'sacrifice-order-placed' and message_id = 'late-placed'`,
          )
        ).length === 1,
    );
    assert.equal((await h.rows('select 1 from order_share where order_id = ?', [orderId])).length, 0);
  });

  it('refuses to cancel an order with a share on an animal and keeps every share, even those still waiting', async () => {
    const season = await h.season(1447);
    const site = await h.site(season.id, 'Lahore');
    await h.animals(site, 'CAMEL', ['K-1']);
    const order = await h.placeOrder(
      viewerOf(Role.DONOR).id,
      'CAMEL',
      Array.from({ length: 8 }, (_, i) => `Camel name ${i}`),
    );
    assert.equal((await h.allocate(season.id)).sharesAllocated, 7);
    await h.cancelOrder(order.orderId);
    assert.deepEqual(await h.cancelDecision(order.orderId), {
      orderId: order.orderId,
      decision: 'REFUSED',
      reason: 'ALREADY_ALLOCATED',
      decidedAt: '2026-05-28T06:00:00.000Z',
    });
    const kept = await h.rows<{ allocated: boolean }>(
      'select sacrifice_id is not null as allocated from order_share where order_id = ?',
      [order.orderId],
    );
    assert.deepEqual(kept.map((r) => r.allocated).sort(), [false, true, true, true, true, true, true, true]);
    assert.equal((await h.rows('select 1 from cancelled_order where order_id = ?', [order.orderId])).length, 0);
  });

  it('never leaves a confirmed cancellation with a share on an animal when cancels race allocation runs', async () => {
    const season = await h.season(1448);
    const site = await h.site(season.id, 'Multan');
    await h.animals(
      site,
      'SHEEP',
      Array.from({ length: 30 }, (_, i) => `S-${i}`),
    );
    const orders = [];
    for (let i = 0; i < 40; i++) orders.push(await h.placeOrder(viewerOf(Role.DONOR).id, 'SHEEP', [`Sheep name ${i}`]));
    const ids = orders.map((o) => o.orderId);
    // Cancels and three allocation runs interleave: each cancel is handled while runs hold or claim shares.
    await Promise.all([
      ...ids.map((id, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => h.cancelOrder(id))),
      ...[0, 30, 60].map((delay) => new Promise((r) => setTimeout(r, delay)).then(() => h.allocate(season.id))),
    ]);
    const decisions = await Promise.all(ids.map((id) => h.cancelDecision(id)));
    const confirmed = ids.filter((_, i) => decisions[i]!.decision === 'CONFIRMED');
    const refused = ids.filter((_, i) => decisions[i]!.decision === 'REFUSED');
    assert.equal(confirmed.length + refused.length, ids.length);
    assert.equal(await onAnimals(h, confirmed), 0, 'no confirmed cancellation has a share or a name on an animal');
    const refusedOnAnimals = refused.length
      ? await h.rows('select 1 from order_share where order_id in (?) and sacrifice_id is not null', [refused])
      : [];
    assert.equal(refusedOnAnimals.length, refused.length, 'every refusal is because its share is on an animal');
    assert.ok(confirmed.length >= 10, 'forty orders for thirty sheep: at least ten cancels find no animal');
  });
});
