import { Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const SACRIFICES = `query($site: ID) { sacrifices(siteId: $site, first: 10) { edges { node { id namesToPronounce orders { id } } } } }`;

describe('a refund after allocation', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it("takes the refunded order's names off the cow and gives their places to the next paid shares", async () => {
    const season = await h.season(1447);
    const site = await h.site(season.id, 'Karachi');
    await h.animals(site, 'COW', ['C-1']);
    const refunded = await h.placeOrder(viewerOf(Role.DONOR).id, 'COW', ['Refunded One', 'Refunded Two'], {
      siteId: site,
    });
    const kept = await h.placeOrder(viewerOf(Role.DONOR).id, 'COW', ['Kept Name'], { siteId: site });
    assert.equal((await h.allocate(season.id)).sharesAllocated, 3);
    const waiting = await h.placeOrder(viewerOf(Role.DONOR).id, 'COW', ['Next In Line'], { siteId: site });
    const unpaid = await h.placeOrder(viewerOf(Role.DONOR).id, 'COW', ['Not Paid'], { siteId: site, paid: false });

    await h.publish(Subject.OrderRefunded, { orderId: refunded.orderId });
    const cow = await eventually(async () => {
      const node = (await h.ok(h.organizer, SACRIFICES, { site })).sacrifices.edges[0].node;
      // Names and orders are two reads of one query: the refund may commit between them, so wait for both.
      const ordersNow = node.orders.map((o: { id: string }) => o.id);
      return !node.namesToPronounce.includes('Refunded One') && !ordersNow.includes(refunded.orderId) && node;
    }, 20_000);
    assert.deepEqual(cow.namesToPronounce, ['Kept Name', 'Next In Line'], 'only paid shares take the places');
    assert.deepEqual(
      cow.orders.map((o: { id: string }) => o.id),
      [kept.orderId, waiting.orderId],
    );
    const announced = await eventually(async () => {
      const events = (await h.published(Subject.SacrificeAllocated)).filter((e: any) => e.sacrificeId === cow.id);
      return events.length === 2 && events;
    }, 20_000);
    assert.ok(!announced[1].orderIds.includes(refunded.orderId), 'the new owners are announced');
    assert.ok(unpaid.orderId);
  });

  it('never allocates the waiting shares of a refunded order, even when it is paid again by mistake', async () => {
    const season = await h.season(1448);
    const site = await h.site(season.id, 'Lahore');
    const order = await h.placeOrder(viewerOf(Role.DONOR).id, 'SHEEP', ['Gone'], { siteId: site });
    await h.publish(Subject.OrderRefunded, { orderId: order.orderId });
    await eventually(
      async () => (await h.rows('select 1 from order_share where order_id = ?', [order.orderId])).length === 0,
    );
    await h.animals(site, 'SHEEP', ['S-1']);
    assert.equal((await h.allocate(season.id)).sharesAllocated, 0);
  });
});
