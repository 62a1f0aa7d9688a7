import { Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const SACRIFICES = `query($site: ID) { sacrifices(siteId: $site, first: 100) { edges { node { id species status namesToPronounce animal { species tag status } shares { shareId orderId offeredFor } orders { id } } } } }`;

describe('allocating shares to animals', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it("puts a sheep share on a sheep and both donors' cow shares on one cow, with every name to say", async () => {
    const season = await h.season(1447);
    assert.deepEqual([season.day10, season.day13], ['2026-05-27', '2026-05-30']);
    const site = await h.site(season.id, 'Karachi');
    await h.animals(site, 'SHEEP', ['S-1']);
    await h.animals(site, 'COW', ['C-1', 'C-2']);
    const donorA = viewerOf(Role.DONOR);
    const donorB = viewerOf(Role.DONOR);
    const sheepOrder = await h.placeOrder(donorA.id, 'SHEEP', ['Amina bint Yusuf']);
    const cowA = await h.placeOrder(donorA.id, 'COW', ['Yusuf ibn Ali']);
    const cowB = await h.placeOrder(donorB.id, 'COW', ['Khadija Rahman']);

    const result = await h.allocate(season.id);
    assert.deepEqual(result, { sacrificesCreated: 2, sharesAllocated: 3, sharesPending: 0 });

    const nodes = (await h.ok(h.organizer, SACRIFICES, { site })).sacrifices.edges.map((e: any) => e.node);
    const sheep = nodes.find((n: any) => n.species === 'SHEEP');
    const cow = nodes.find((n: any) => n.species === 'COW');
    assert.deepEqual(sheep.namesToPronounce, ['Amina bint Yusuf']);
    assert.deepEqual(sheep.orders, [{ id: sheepOrder.orderId }]);
    assert.deepEqual(cow.namesToPronounce, ['Yusuf ibn Ali', 'Khadija Rahman'], 'arrival order');
    assert.deepEqual(
      cow.orders.map((o: any) => o.id),
      [cowA.orderId, cowB.orderId],
    );
    assert.equal(cow.animal.tag, 'C-1', 'the first cow is filled before the next');
    assert.equal(cow.animal.status, 'ALLOCATED');
    assert.equal(cow.status, 'ALLOCATED');

    const again = await h.allocate(season.id);
    assert.equal(again.sacrificesCreated, 0, 'allocated shares are not allocated twice');
  });

  it('announces each new sacrifice through the outbox', async () => {
    const allocated = await eventually(async () => {
      const events = await h.published(Subject.SacrificeAllocated);
      return events.length === 2 && events;
    });
    const cow = allocated.find((e: any) => e.species === 'COW');
    assert.equal(cow.orderIds.length, 2);
    assert.equal(cow.donorIds.length, 2);
    assert.ok(cow.animalId && cow.siteId && cow.sacrificeId);
    const changed = await h.published(Subject.SacrificeStatusChanged);
    assert.deepEqual(
      changed.map((e: any) => e.status),
      ['ALLOCATED', 'ALLOCATED'],
    );
    const [pending] = await h.rows<{ n: string }>(
      'select count(*) as n from outbox_message where published_at is null',
    );
    assert.equal(Number(pending!.n), 0);
  });

  it('never puts one share on two animals when two organizers allocate at once', async () => {
    const season = await h.season(1448);
    const siteA = await h.site(season.id, 'Lahore');
    const siteB = await h.site(season.id, 'Multan');
    await h.animals(
      siteA,
      'SHEEP',
      Array.from({ length: 40 }, (_, i) => `A-${i}`),
    );
    await h.animals(
      siteB,
      'SHEEP',
      Array.from({ length: 40 }, (_, i) => `B-${i}`),
    );
    await h.animals(
      siteA,
      'COW',
      Array.from({ length: 6 }, (_, i) => `AC-${i}`),
    );
    const donor = viewerOf(Role.DONOR);
    await h.placeOrder(
      donor.id,
      'SHEEP',
      Array.from({ length: 60 }, (_, i) => `Sheep name ${i}`),
    );
    await h.placeOrder(
      donor.id,
      'COW',
      Array.from({ length: 30 }, (_, i) => `Cow name ${i}`),
    );

    const runs = await Promise.all([
      h.allocate(season.id),
      h.allocate(season.id),
      h.allocate(season.id, { site: siteA }),
    ]);
    const shares = runs.reduce((n, r) => n + r.sharesAllocated, 0);
    assert.equal(shares, 90, 'every share allocated exactly once across the runs');
    const [dup] = await h.rows<{ n: string }>(
      `select count(*) as n from (select animal_id from sacrifice group by animal_id having count(*) > 1) d`,
    );
    assert.equal(Number(dup!.n), 0);
    const stored = await h.rows<{ sacrifice_id: string; n: string }>(
      `select s.id as sacrifice_id, count(os.share_id) as n, a.shares_capacity from sacrifice s join animal a on a.id = s.animal_id
       join order_share os on os.sacrifice_id = s.id where s.season_id = ? group by s.id, a.shares_capacity having count(os.share_id) > a.shares_capacity`,
      [season.id],
    );
    assert.deepEqual(stored, [], 'no animal carries more shares than it can');
    const sacrifices = runs.reduce((n, r) => n + r.sacrificesCreated, 0);
    assert.equal(sacrifices, 60 + 5, '60 sheep, then 30 cow shares fill 4 cows and start a 5th');
  });

  it('keeps cow shares waiting when asked to sacrifice only full animals', async () => {
    const season = await h.season(1449);
    const site = await h.site(season.id, 'Quetta');
    await h.animals(site, 'CAMEL', ['K-1', 'K-2']);
    await h.placeOrder(
      viewerOf(Role.DONOR).id,
      'CAMEL',
      Array.from({ length: 10 }, (_, i) => `Camel name ${i}`),
    );
    const result = await h.allocate(season.id, { full: true });
    assert.equal(result.sacrificesCreated, 1);
    assert.equal(result.sharesAllocated, 7);
    assert.equal(result.sharesPending, 3);
  });

  it('lets only organizers allocate', async () => {
    const res = await h.call(
      viewerOf(Role.EXECUTOR),
      `mutation($s: ID!) { allocateShares(seasonId: $s) { sacrificesCreated } }`,
      { s: '01900000-0000-7000-8000-000000000003' },
    );
    assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const bad = await h.call(h.organizer, `mutation { allocateShares(seasonId: "nope") { sacrificesCreated } }`);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
