import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssignSacrificeDocument,
  MyOrdersTrackingDocument,
  SacrificeByIdDocument,
  UpdateAnimalDocument,
  UpdateSiteDocument,
  type TypedDocumentNode,
} from '@qurbani/sdk';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { parsePrometheusText, total } from './support/prometheus-text.js';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from './support/season.js';
import { workAt } from './support/staff.js';
import { startSystem, type System } from './support/system.js';

const ORDERS = 6;
/** The executor's card fields and, beside them, the login, which only the row holds. */
const ExecutorLogin = parse(
  'query($id: ID!) { sacrifice(id: $id) { executor { id displayName login } } }',
) as TypedDocumentNode<
  { sacrifice: { executor: { id: string; displayName: string; login: string | null } | null } | null },
  { id: string }
>;

describe("the shared cache of sites, animals and accounts' cards, seen through the gateway", () => {
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
  const cacheCounts = async (subgraph: 'sacrifice' | 'identity' = 'sacrifice', entities = ['Site', 'Animal']) => {
    const response = await fetch(`${system.subgraphs[subgraph]!.url.replace(/\/graphql$/, '')}/metrics`);
    const series = parsePrometheusText(await response.text());
    const count = (outcome: string) =>
      entities.reduce((sum, entity) => sum + total(series, 'entity_cache_requests_total', { outcome, entity }), 0);
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

  it("answers the executor's name from the cache of accounts' cards, which holds nothing personal", async () => {
    const executor = await createStaff(system, organizer, 'EXECUTOR', 'Imam Cached');
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    for (const s of await tracked())
      await organizer.client.request(AssignSacrificeDocument, { sacrificeId: s.id, executorId: executor.id });
    const before = await cacheCounts('identity', ['AccountCard']);
    for (let reload = 0; reload < 10; reload++)
      assert.ok((await tracked()).every((s) => s.executor?.displayName === 'Imam Cached'));
    const after = await cacheCounts('identity', ['AccountCard']);
    const hits = after.hit - before.hit;
    const misses = after.miss - before.miss;
    assert.ok(hits / (hits + misses) >= 0.9, `hit rate ${hits}/${hits + misses}`);

    // What Redis holds of the account: the card's fields, never the login or the password hash.
    const redis = new Redis(system.redis.redisUrl);
    try {
      const keys = (await redis.keys(`${system.redis.redisPrefix}*AccountCard:${executor.id}`)).filter(
        (k) => !k.endsWith(':v'),
      );
      assert.equal(keys.length, 1);
      const card = JSON.parse((await redis.get(keys[0]!))!) as Record<string, unknown>;
      assert.deepEqual(Object.keys(card).sort(), ['createdAt', 'displayName', 'id', 'roles']);
    } finally {
      redis.disconnect();
    }
  });

  it("still reads the account's row for what the card does not hold, and only for who may see it", async () => {
    const [first] = await tracked();
    const seen = await organizer.client.request(ExecutorLogin, { id: first!.id });
    assert.equal(seen.sacrifice?.executor?.displayName, 'Imam Cached');
    assert.match(
      seen.sacrifice?.executor?.login ?? '',
      /^executor-.*@e2e\.test$/,
      'organizers see the login, from the row',
    );
    const donorsView = (await donor.client.request(ExecutorLogin, { id: first!.id })).sacrifice?.executor;
    assert.equal(donorsView?.displayName, 'Imam Cached');
    assert.equal(donorsView?.login, null, 'a donor sees the name, never the login');
  });
});
