import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person, startHarness, type Harness } from './support.js';

const CREATE_LOT = `mutation($code: String!, $ids: [ID!]!) { createLot(code: $code, hideIds: $ids) { id code status totalWeightKg hides { totalCount } } }`;
const SELL = `mutation($lot: ID!, $buyer: ID!, $price: Int!, $cur: String!, $fees: Int) {
  sellLot(lotId: $lot, buyerId: $buyer, priceMinor: $price, currency: $cur, feesMinor: $fees) {
    priceMinor feesMinor proceedsMinor currency buyer { name contact } lot { status hides { edges { node { status } } } } } }`;
const BUYER = `mutation($input: CreateBuyerInput!) { createBuyer(input: $input) { id name contact } }`;
const THROUGH_SACRIFICE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice {
  hide { status grade lot { code sale { priceMinor buyer { contact } } } } } } }`;

describe('lots of hides sold to tanneries', () => {
  const organizer = person(Role.ORGANIZER);
  const donor = person(Role.DONOR);
  const sacrifices = [newId(), newId(), newId(), newId()];
  const hides: string[] = [];
  let lotId: string;
  let buyerId: string;
  let h: Harness;

  before(async () => {
    h = await startHarness();
    for (const [i, s] of sacrifices.entries()) {
      await h.allocate(s, [donor.id]);
      const res = await h.call(
        organizer,
        `mutation($s: ID!, $at: DateTimeISO!) { recordHide(sacrificeId: $s, collectedAt: $at, weightKg: ${4 + i / 10}) { id } }`,
        {
          s,
          at: new Date().toISOString(),
        },
      );
      hides.push(res.data.recordHide.id);
      if (i < 3)
        await h.call(organizer, `mutation($id: ID!) { preserveHide(id: $id) { id } }`, { id: res.data.recordHide.id });
    }
    for (const [i, grade] of (['A', 'B', 'REJECTED'] as const).entries()) {
      await h.call(organizer, `mutation($id: ID!) { gradeHide(id: $id, grade: ${grade}) { id } }`, { id: hides[i] });
    }
  });
  after(() => h.close());

  it('puts only graded, sellable hides into a lot', async () => {
    for (const ids of [[hides[2]], [hides[3]], []]) {
      assert.equal(
        (await h.call(organizer, CREATE_LOT, { code: 'X', ids })).errors?.[0]?.extensions?.code,
        'BAD_USER_INPUT',
      );
    }
    assert.equal(
      (await h.call(organizer, CREATE_LOT, { code: 'X', ids: [newId()] })).errors?.[0]?.extensions?.code,
      'NOT_FOUND',
    );
    assert.equal(
      (await h.call(donor, CREATE_LOT, { code: 'X', ids: [hides[0]] })).errors?.[0]?.extensions?.code,
      'FORBIDDEN',
    );
    const res = await h.call(organizer, CREATE_LOT, { code: 'LOT-1', ids: [hides[0], hides[1]] });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      { ...res.data.createLot, id: undefined },
      { id: undefined, code: 'LOT-1', status: 'OPEN', totalWeightKg: 8.1, hides: { totalCount: 2 } },
    );
    lotId = res.data.createLot.id;
  });

  it('refuses a second lot with the same code or the same hide', async () => {
    assert.equal(
      (await h.call(organizer, CREATE_LOT, { code: 'LOT-1', ids: [hides[0]] })).errors?.[0]?.extensions?.code,
      'CONFLICT',
    );
    assert.equal(
      (await h.call(organizer, CREATE_LOT, { code: 'LOT-2', ids: [hides[1]] })).errors?.[0]?.extensions?.code,
      'CONFLICT',
    );
  });

  it('keeps a tannery contact encrypted and shows it to organizers only', async () => {
    const res = await h.call(organizer, BUYER, { input: { name: 'Anatolia Tannery', contact: '+90 555 010 2030' } });
    assert.equal(res.data.createBuyer.contact, '+90 555 010 2030');
    buyerId = res.data.createBuyer.id;
    const [row] = await h.subgraph.orm.em.fork().getConnection().execute(`select * from buyer`);
    assert.ok(!JSON.stringify(row).includes('555 010'));
    assert.equal(
      (await h.call(donor, `{ buyers { edges { node { id } } } }`)).errors?.[0]?.extensions?.code,
      'FORBIDDEN',
    );
    assert.equal(
      (await h.call(organizer, BUYER, { input: { name: ' ', contact: '+90 1' } })).errors?.[0]?.extensions?.code,
      'BAD_USER_INPUT',
    );
  });

  it('sells a lot only once it is closed, and closes it once', async () => {
    const early = await h.call(organizer, SELL, { lot: lotId, buyer: buyerId, price: 12_500, cur: 'EUR' });
    assert.equal(early.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.match(early.errors![0]!.message, /Close the lot/);
    const close = `mutation($id: ID!) { closeLot(id: $id) { id status } }`;
    assert.equal((await h.call(donor, close, { id: lotId })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.deepEqual((await h.call(organizer, close, { id: lotId })).data.closeLot, { id: lotId, status: 'CLOSED' });
    assert.equal((await h.call(organizer, close, { id: lotId })).errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  it('sells a lot once, even when two organizers sell it at the same moment', async () => {
    assert.equal(
      (await h.call(organizer, SELL, { lot: lotId, buyer: buyerId, price: 5000, cur: 'euro' })).errors?.[0]?.extensions
        ?.code,
      'BAD_USER_INPUT',
    );
    assert.equal(
      (await h.call(organizer, SELL, { lot: lotId, buyer: buyerId, price: -1, cur: 'EUR' })).errors?.[0]?.extensions
        ?.code,
      'BAD_USER_INPUT',
    );
    const results = await Promise.all(
      [1, 2].map(() => h.call(organizer, SELL, { lot: lotId, buyer: buyerId, price: 12_500, cur: 'eur', fees: 500 })),
    );
    assert.deepEqual(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort(), ['CONFLICT', 'OK']);
    const sale = results.find((r) => !r.errors)!.data.sellLot;
    assert.deepEqual(
      { ...sale, buyer: undefined, lot: undefined },
      { priceMinor: 12_500, feesMinor: 500, proceedsMinor: 12_000, currency: 'EUR', buyer: undefined, lot: undefined },
    );
    assert.equal(sale.lot.status, 'SOLD');
    assert.deepEqual(
      sale.lot.hides.edges.map((e: any) => e.node.status),
      ['SOLD', 'SOLD'],
    );
  });

  it('totals the proceeds per season, site and currency, and audits every step in one unbroken chain', async () => {
    const res = await h.call(organizer, `{ hideProceeds { season siteId currency sales hides proceedsMinor } }`);
    assert.equal(res.errors, undefined);
    const rows = res.data.hideProceeds;
    assert.equal(
      rows.reduce((sum: number, r: any) => sum + r.proceedsMinor, 0),
      12_000,
    );
    assert.ok(rows.every((r: any) => r.currency === 'EUR' && /^14\d\d$/.test(r.season)));
    const trail = await h.call(
      organizer,
      `{ skinAuditTrail(action: "lot.sold") { action entityIds after } skinAuditChain { valid checked } }`,
    );
    assert.equal(trail.data.skinAuditTrail.length, 1);
    assert.equal(JSON.parse(trail.data.skinAuditTrail[0].after).priceMinor, 12_500);
    assert.equal(trail.data.skinAuditChain.valid, true);
    assert.equal((await h.call(donor, `{ skinAuditChain { valid } }`)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it("lets a donor follow their animal's hide to its grade, never to the buyer or the price", async () => {
    const res = await h.call(donor, THROUGH_SACRIFICE, { r: [{ __typename: 'Sacrifice', id: sacrifices[0] }] });
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data._entities[0].hide, { status: 'SOLD', grade: 'A', lot: null });
    const lotRef = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Lot { code } } }`;
    assert.deepEqual((await h.call(donor, lotRef, { r: [{ __typename: 'Lot', id: lotId }] })).data._entities, [null]);
    const staff = await h.call(organizer, THROUGH_SACRIFICE, { r: [{ __typename: 'Sacrifice', id: sacrifices[0] }] });
    assert.equal(staff.data._entities[0].hide.lot.sale.buyer.contact, '+90 555 010 2030');
  });
});
