import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const BY_ID = `query($id: ID!) { sacrifice(id: $id) { id namesToPronounce shares { offeredFor } orders { id } executor { id } site { name window { startsAtLocal } } } }`;
const MINE = `query { mySacrifices { edges { node { id } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice { id status } ... on Order { id sacrifices(first: 10) { totalCount edges { node { id status } } } } } }`;

describe('who sees which sacrifice', () => {
  let h: Harness;
  const donorA = viewerOf(Role.DONOR);
  const donorB = viewerOf(Role.DONOR);
  const butcher = viewerOf(Role.EXECUTOR);
  const otherButcher = viewerOf(Role.EXECUTOR);
  let seasonId: string;
  let sheepOfA: string;
  let cow: string;
  const orders: string[] = [];

  before(async () => {
    h = await startHarness();
    seasonId = (await h.season(1447)).id;
    const site = await h.site(seasonId, 'Bradford', 'Europe/London', { windowStartLocal: '06:00' });
    await h.animals(
      site,
      'SHEEP',
      Array.from({ length: 50 }, (_, i) => `S-${i}`),
    );
    await h.animals(site, 'COW', ['C-1']);
    for (let i = 0; i < 48; i++) orders.push((await h.placeOrder(donorA.id, 'SHEEP', [`A sheep ${i}`])).orderId);
    orders.push((await h.placeOrder(donorA.id, 'COW', ['A cow'])).orderId);
    orders.push((await h.placeOrder(donorB.id, 'COW', ['B cow'])).orderId);
    await h.allocate(seasonId);
    const all = (
      await h.ok(h.organizer, `query { sacrifices(first: 100) { edges { node { id species } } } }`)
    ).sacrifices.edges.map((e: any) => e.node);
    sheepOfA = all.find((n: any) => n.species === 'SHEEP').id;
    cow = all.find((n: any) => n.species === 'COW').id;
    await h.staff(site, butcher.id);
    await h.ok(h.organizer, `mutation($s: ID!, $e: ID!) { assignSacrifice(sacrificeId: $s, executorId: $e) { id } }`, {
      s: cow,
      e: butcher.id,
    });
  });
  after(async () => {
    await h.close();
  });

  it("shows a donor their own sacrifice and the site's local window", async () => {
    const s = (await h.ok(donorA, BY_ID, { id: sheepOfA })).sacrifice;
    assert.deepEqual(s.namesToPronounce, ['A sheep 0']);
    assert.deepEqual(s.site, { name: 'Bradford', window: { startsAtLocal: '2026-05-27 06:00' } });
  });

  it("hides donor A's sacrifice from donor B, by id and in their list", async () => {
    const byId = await h.call(donorB, BY_ID, { id: sheepOfA });
    assert.equal(byId.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const mine = (await h.ok(donorB, MINE)).mySacrifices.edges.map((e: any) => e.node.id);
    assert.deepEqual(mine, [cow], 'only the cow B has a share in');
    assert.equal(
      (await h.ok(donorA, `query { mySacrifices(first: 100) { edges { node { id } } } }`)).mySacrifices.edges.length,
      49,
    );
  });

  it('shows co-owners of a cow only their own names, and the executor all of them', async () => {
    const forB = (await h.ok(donorB, BY_ID, { id: cow })).sacrifice;
    assert.deepEqual(forB.namesToPronounce, ['B cow']);
    assert.deepEqual(forB.orders, [{ id: orders[49] }]);
    const forButcher = (await h.ok(butcher, BY_ID, { id: cow })).sacrifice;
    assert.deepEqual(forButcher.namesToPronounce, ['A cow', 'B cow']);
    assert.deepEqual(forButcher.orders, [], "orders (amounts, payments) are the donors' and organizers' only");
    assert.equal(forButcher.executor.id, butcher.id);
  });

  it('shows an executor only the sacrifices assigned to them', async () => {
    assert.deepEqual(
      (await h.ok(butcher, MINE)).mySacrifices.edges.map((e: any) => e.node.id),
      [cow],
    );
    const stranger = await h.call(otherButcher, BY_ID, { id: cow });
    assert.equal(stranger.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.deepEqual((await h.ok(otherButcher, MINE)).mySacrifices.edges, []);
  });

  it('keeps organizer lists and sacrifices by reference from everyone else', async () => {
    const list = await h.call(donorA, `query { sacrifices { edges { node { id } } } }`);
    assert.equal(list.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const anonymous = await h.call(null, MINE);
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const refs = {
      r: [
        { __typename: 'Sacrifice', id: sheepOfA },
        { __typename: 'Sacrifice', id: 'not-a-uuid' },
      ],
    };
    assert.deepEqual((await h.ok(donorB, ENTITIES, refs))._entities, [null, null]);
    // Drivers carry packs, not sacrifices: a reference from a pack opens nothing here.
    assert.deepEqual((await h.ok(viewerOf(Role.DRIVER), ENTITIES, refs))._entities, [null, null]);
    assert.deepEqual((await h.ok(viewerOf(Role.REVIEWER), ENTITIES, refs))._entities, [
      { id: sheepOfA, status: 'ALLOCATED' },
      null,
    ]);
  });

  it('resolves the sacrifices of 50 orders with one SQL query', async () => {
    h.sql.length = 0;
    const data = await h.ok(h.organizer, ENTITIES, { r: orders.map((id) => ({ __typename: 'Order', id })) });
    // The outbox relay polls in the background on the same ORM: its queries are not this request's.
    const selects = h.sql.filter((line) => /\bselect\b/i.test(line) && !/outbox_message/.test(line));
    assert.equal(selects.length, 1, selects.join('\n'));
    assert.equal(data._entities.length, 50);
    assert.equal(data._entities[0].sacrifices.totalCount, 1);
    assert.equal(data._entities[48].sacrifices.edges[0].node.id, cow);
    assert.equal(data._entities[49].sacrifices.edges[0].node.id, cow, 'two orders share one cow');
    const forA = await h.ok(donorA, ENTITIES, {
      r: [
        { __typename: 'Order', id: orders[0] },
        { __typename: 'Order', id: newId() },
      ],
    });
    assert.equal(forA._entities[0].sacrifices.edges[0].node.id, sheepOfA);
    assert.deepEqual(forA._entities[1].sacrifices.edges, []);
  });

  it('adds no animal at all when one tag is already used this season', async () => {
    const site = await h.site(seasonId, 'Leeds', 'Europe/London');
    const res = await h.call(
      h.organizer,
      `mutation($s: ID!) { addAnimals(siteId: $s, species: GOAT, animals: [{ tag: "G-new" }, { tag: "S-3" }]) { id } }`,
      { s: site },
    );
    assert.equal(res.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.match(res.errors![0]!.message, /S-3/);
    assert.equal((await h.rows(`select 1 from animal where tag = 'G-new'`)).length, 0);
    const twice = await h.call(
      h.organizer,
      `mutation($s: ID!) { addAnimals(siteId: $s, species: GOAT, animals: [{ tag: "G-9" }, { tag: "G-9" }]) { id } }`,
      { s: site },
    );
    assert.equal(twice.errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  it('refuses malformed ids, unknown time zones and missing sites', async () => {
    const badId = await h.call(donorA, BY_ID, { id: '42' });
    assert.equal(badId.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const badZone = await h.call(h.organizer, `mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }`, {
      i: { seasonId, name: 'X', region: 'X', timeZone: 'Asia/Atlantis' },
    });
    assert.equal(badZone.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const missing = await h.call(
      h.organizer,
      `mutation($s: ID!) { addAnimals(siteId: $s, species: SHEEP, animals: [{ tag: "Z" }]) { id } }`,
      { s: newId() },
    );
    assert.equal(missing.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const dupSeason = await h.call(
      h.organizer,
      `mutation { createSeason(input: { name: "Again", hijriYear: 1447 }) { id } }`,
    );
    assert.equal(dupSeason.errors?.[0]?.extensions?.code, 'CONFLICT');
  });
});
