import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  MyOrdersTrackingDocument,
  SacrificeByIdDocument,
  UpdateAnimalDocument,
  UpdateSiteDocument,
} from '@qurbani/sdk';
import { parsePrometheusText, total } from './support/prometheus-text.js';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';

const ORDERS = 6;

describe('the shared cache of sites and animals, seen through the gateway', () => {
  let system: System;
  let organizer: Actor;
  let donor: Actor;
  let siteId: string;

  before(async () => {
    system = await startSystem();
    organizer = await signInOrganizer(system);
    const world = await createSeasonAndSite(organizer, system);
    siteId = world.siteId;
    await addAnimals(organizer, siteId, 'SHEEP', ORDERS);
    donor = await registerDonor(system, 'Cached Donor');
    for (let i = 0; i < ORDERS; i++) await placeOrder(donor, 'SHEEP', [`Name ${i}`]);
    await allocateAll(system, organizer, world.seasonId, ORDERS);
  });
  after(() => system?.close());

  const tracked = async () => {
    const { myOrders } = await donor.client.request(MyOrdersTrackingDocument, { first: ORDERS });
    return myOrders.edges.map((e) => e.node.sacrifices.edges[0]!.node);
  };
  const cacheCounts = async () => {
    const response = await fetch(`${system.subgraphs.sacrifice!.url.replace(/\/graphql$/, '')}/metrics`);
    const series = parsePrometheusText(await response.text());
    const count = (outcome: string) =>
      total(series, 'entity_cache_requests_total', { outcome, entity: 'Site' }) +
      total(series, 'entity_cache_requests_total', { outcome, entity: 'Animal' });
    return { hit: count('hit'), miss: count('miss'), error: count('error') };
  };

  it('answers a donor reloading the tracking screen from the cache: over 90% hits', async () => {
    const before = await cacheCounts();
    for (let reload = 0; reload < 10; reload++) {
      const sacrifices = await tracked();
      assert.equal(sacrifices.length, ORDERS);
      assert.ok(sacrifices.every((s) => s.site.name === 'Karachi East' && s.animal.weightKg === 40));
    }
    const after = await cacheCounts();
    const hits = after.hit - before.hit;
    const misses = after.miss - before.miss;
    // Six sacrifices, one site: allocating the animals wrote them, and each write's commit put the
    // new row in the cache, so only the site misses on the first load; then every read hits.
    assert.equal(misses, 1);
    assert.ok(hits / (hits + misses) >= 0.9, `hit rate ${hits}/${hits + misses}`);
    assert.equal(after.error, before.error);
  });

  it('shows a corrected site or animal in the very next read after the mutation answers', async () => {
    const [first] = await tracked();
    for (let change = 1; change <= 3; change++) {
      const name = `Karachi East, pen ${change}`;
      await organizer.client.request(UpdateSiteDocument, { id: siteId, input: { name } });
      await organizer.client.request(UpdateAnimalDocument, { id: first!.animal.id, input: { weightKg: 40 + change } });
      // No waiting: the commit already removed the old rows from every replica's cache.
      const now = await tracked();
      assert.ok(
        now.every((s) => s.site.name === name),
        `every sacrifice shows ${name}`,
      );
      assert.equal(now.find((s) => s.id === first!.id)!.animal.weightKg, 40 + change);
    }
  });

  it('never gives another donor a cached site or animal of a sacrifice they do not share in', async () => {
    const [first] = await tracked();
    const stranger = await registerDonor(system, 'Stranger');
    const answer = await stranger.client.execute(SacrificeByIdDocument, { id: first!.id });
    assert.equal(answer.data?.sacrifice ?? null, null);
    assert.equal(answer.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const { myOrders } = await stranger.client.request(MyOrdersTrackingDocument, { first: 10 });
    assert.equal(myOrders.edges.length, 0);
  });
});
