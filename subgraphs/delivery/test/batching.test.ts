import { Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CREATE_PACKS, CREATE_RECIPIENT, family, startHarness, viewer, type Harness } from './harness.js';

const organizer = viewer(Role.ORGANIZER);
const donor = viewer(Role.DONOR);

const DELIVERIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Delivery { id status } } }`;

describe('delivery subgraph under gateway batches', () => {
  let h: Harness;
  let deliveryIds: string[];
  let sacrificeIds: string[];

  before(async () => {
    h = await startHarness();
    sacrificeIds = [await h.allocate([donor.id]), await h.allocate([donor.id])];
    for (const s of sacrificeIds)
      await h.call(organizer, CREATE_PACKS, { s, w: Array.from({ length: 25 }, () => 1.5) });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.call(organizer, CREATE_RECIPIENT, { input: family({ region: 'Oujda', priority: i }) }),
      ),
    );
    const allocated = await h.call(
      organizer,
      `mutation { allocatePacks(region: "Oujda", limit: 50) { delivery { id } } }`,
    );
    deliveryIds = allocated.data.allocatePacks.map((c: any) => c.delivery.id);
    assert.equal(deliveryIds.length, 50);
  });
  after(async () => {
    await h.close();
  });

  for (const [who, person] of [
    ['an organizer', organizer],
    ['a donor', donor],
  ] as const) {
    it(`resolves 50 deliveries in one SQL query for ${who}`, async () => {
      let res: any;
      const statements = await h.statementsDuring(async () => {
        res = await h.call(person, DELIVERIES, { r: deliveryIds.map((id) => ({ __typename: 'Delivery', id })) });
      });
      assert.equal(res.errors, undefined);
      assert.equal(res.data._entities.filter(Boolean).length, 50);
      assert.equal(statements.length, 1, statements.join('\n'));
    });
  }

  it('loads the packs of many sacrifices, with their deliveries, in one SQL query each', async () => {
    let res: any;
    const statements = await h.statementsDuring(async () => {
      res = await h.call(
        donor,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice { meatPacks { id delivery { status } } } } }`,
        { r: sacrificeIds.map((id) => ({ __typename: 'Sacrifice', id })) },
      );
    });
    assert.deepEqual(
      res.data._entities.map((s: any) => s.meatPacks.length),
      [25, 25],
    );
    assert.equal(statements.length, 2, statements.join('\n'));
  });
});
