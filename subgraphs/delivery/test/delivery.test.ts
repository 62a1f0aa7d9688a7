import { Subject } from '@qurbani/events';
import { newId, openContact, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BUILD_ROUTE,
  CONFIRM,
  CREATE_DELIVERY,
  CREATE_PACKS,
  CREATE_RECIPIENT,
  family,
  plannedDelivery,
  START,
  startHarness,
  viewer,
  type Harness,
} from './harness.js';

const organizer = viewer(Role.ORGANIZER);
const driverA = viewer(Role.DRIVER);
const driverB = viewer(Role.DRIVER);
const donor = viewer(Role.DONOR);
const otherDonor = viewer(Role.DONOR);

const DELIVERY = `query($id: ID!) { delivery(id: $id) { id status packs { id weightKg } recipient { householdSize region name phone address } } }`;
const MY_ROUTES = `{ myRoutes { edges { node { id status stops { index delivery { id recipient { name phone address } } } } } } }`;
const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('delivery subgraph', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.driver(driverA.id);
    await h.driver(driverB.id);
  });
  after(async () => {
    await h.close();
  });

  it("takes a pack from a sacrifice to a family, proved by the driver with the family's PIN", async () => {
    const planned = await plannedDelivery(h, organizer, [donor.id]);
    assert.match(planned.pin, /^\d{6}$/);

    const route = await h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driverA.id });
    assert.equal(route.errors, undefined);
    assert.equal(route.data.buildRoute.driver.id, driverA.id);
    assert.deepEqual(route.data.buildRoute.stops, [
      { index: 1, delivery: { id: planned.deliveryId, status: 'ASSIGNED' } },
    ]);

    const mine = await h.call(driverA, MY_ROUTES);
    const stop = mine.data.myRoutes.edges[0].node.stops[0];
    assert.deepEqual(stop.delivery.recipient, {
      name: 'Family Benali',
      phone: '+212612345678',
      address: '12 Rue des Oliviers, Casablanca',
    });

    assert.equal(
      (await h.call(driverA, START, { id: planned.deliveryId })).data.startDelivery.status,
      'OUT_FOR_DELIVERY',
    );
    // A photo id nobody uploaded for this delivery proves nothing.
    const unproved = await h.call(driverA, CONFIRM, {
      id: planned.deliveryId,
      pin: planned.pin,
      photo: '0190a0a0-0000-7000-8000-000000000001',
    });
    assert.equal(unproved.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const confirmed = await h.call(driverA, CONFIRM, { id: planned.deliveryId, pin: planned.pin });
    assert.equal(confirmed.errors, undefined);
    assert.equal(confirmed.data.confirmDelivery.status, 'DELIVERED');
    assert.equal(confirmed.data.confirmDelivery.proofPhotoKey, null, 'this delivery needed no photo');
    assert.ok(confirmed.data.confirmDelivery.deliveredAt);

    const again = await h.call(driverA, CONFIRM, { id: planned.deliveryId, pin: planned.pin });
    assert.equal(code(again), 'CONFLICT', 'confirming twice');
    const done = await h.call(organizer, `{ routes { edges { node { id status } } } }`);
    assert.equal(done.data.routes.edges.find((e: any) => e.node.id === route.data.buildRoute.id).node.status, 'DONE');

    // The donor is told, with ids only.
    const [event] = await h.rows(
      `select payload from outbox_message where subject = 'notification.send' and payload->>'kind' = 'meat.delivered'`,
    );
    assert.equal(event.payload.recipientAccountId, donor.id);
    assert.equal(event.payload.params.deliveryId, planned.deliveryId);
    assert.ok(!/\+212|Oliviers|Benali|pin/i.test(JSON.stringify(event.payload)));

    // The driver was told of the route; the family got its PIN and link when the delivery was made
    // and again when it set out, sealed for the notifier: in clear nowhere.
    const [routed] = await h.rows(
      `select payload from outbox_message where subject = 'notification.send' and payload->>'kind' = 'ROUTE_ASSIGNED'`,
    );
    assert.equal(routed.payload.recipientAccountId, driverA.id);
    const family = await h.rows(
      `select payload from outbox_message where subject = 'notification.dispatch' order by id`,
    );
    assert.deepEqual(
      family.map((r: any) => r.payload.kind),
      ['FAMILY_DELIVERY_CREATED', 'FAMILY_OUT_FOR_DELIVERY'],
    );
    for (const { payload } of family) {
      assert.deepEqual(payload.channels, ['SMS']);
      assert.equal(payload.recipient.kind, 'FAMILY');
      assert.ok(!JSON.stringify(payload).includes(planned.pin), 'no PIN in clear');
      assert.ok(!/\+212|Oliviers|Benali/.test(JSON.stringify(payload)));
      const contact = openContact(h.run.notifySealKey, payload.sealed);
      assert.equal(contact.pin, planned.pin);
      assert.match(contact.phone!, /^\+212/);
      assert.match(contact.trackingUrl!, /^http:\/\/localhost:4000\/track\/[\w-]{22}$/);
    }
    const [stored] = await h.rows(`select pin_encrypted from delivery where id = ?`, [planned.deliveryId]);
    assert.equal(stored.pin_encrypted, null, 'the PIN kept for the second SMS is erased once delivered');
  });

  it('lets the donor follow their pack to a family without seeing who the family is', async () => {
    const planned = await plannedDelivery(
      h,
      organizer,
      [donor.id],
      family({ name: 'Family Amine', region: 'Fes', householdSize: 7 }),
    );
    const seen = await h.call(donor, DELIVERY, { id: planned.deliveryId });
    assert.equal(seen.errors, undefined);
    assert.deepEqual(seen.data.delivery.recipient, {
      householdSize: 7,
      region: 'Fes',
      name: null,
      phone: null,
      address: null,
    });

    const viaSacrifice = await h.call(
      donor,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice { meatPacks { weightKg delivery { status recipient { region name phone address } } } } } }`,
      { r: [{ __typename: 'Sacrifice', id: planned.sacrificeId }] },
    );
    assert.deepEqual(viaSacrifice.data._entities[0].meatPacks, [
      {
        weightKg: 2.5,
        delivery: { status: 'PLANNED', recipient: { region: 'Fes', name: null, phone: null, address: null } },
      },
    ]);

    assert.equal(code(await h.call(otherDonor, DELIVERY, { id: planned.deliveryId })), 'NOT_FOUND', 'another donor');
    assert.equal(
      code(await h.call(driverB, DELIVERY, { id: planned.deliveryId })),
      'NOT_FOUND',
      'a driver not assigned',
    );
    const entities = await h.call(
      otherDonor,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Delivery { id } ... on Recipient { id } ... on MeatPack { id } } }`,
      {
        r: [
          { __typename: 'Delivery', id: planned.deliveryId },
          { __typename: 'Recipient', id: planned.recipientId },
          { __typename: 'MeatPack', id: planned.packId },
        ],
      },
    );
    assert.deepEqual(entities.data._entities, [null, null, null]);
  });

  it('stores phone and address encrypted, and shows them to no driver but the assigned one', async () => {
    const planned = await plannedDelivery(
      h,
      organizer,
      [donor.id],
      family({ name: 'Family Bennani', phone: '+212698765432', address: '7 Derb Sidi Bouloukat, Marrakech' }),
    );
    const [row] = await h.rows(`select * from recipient where id = ?`, [planned.recipientId]);
    assert.ok(row.phone_encrypted.startsWith('v1.') && row.address_encrypted.startsWith('v1.'));
    assert.ok(!JSON.stringify(row).includes('98765432') && !JSON.stringify(row).includes('Bouloukat'));

    await h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driverA.id });
    const recipient = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Recipient { region phone address } } }`;
    const rep = { r: [{ __typename: 'Recipient', id: planned.recipientId }] };
    assert.deepEqual((await h.call(driverA, recipient, rep)).data._entities[0], {
      region: 'Casablanca',
      phone: '+212698765432',
      address: '7 Derb Sidi Bouloukat, Marrakech',
    });
    assert.deepEqual((await h.call(driverB, recipient, rep)).data._entities[0], null);
    const list = await h.call(
      organizer,
      `{ recipients(region: "Casablanca", first: 100) { edges { node { id phone } } } }`,
    );
    assert.ok(list.data.recipients.edges.some((e: any) => e.node.phone === '+212698765432'));
  });

  it('refuses wrong PINs, counts them, and locks the delivery after 5 until an organizer resets the PIN', async () => {
    const planned = await plannedDelivery(h, organizer, [donor.id], family({ name: 'Family Belkacem' }));
    await h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driverA.id });
    await h.call(driverA, START, { id: planned.deliveryId });
    const wrong = planned.pin === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left--) {
      const res = await h.call(driverA, CONFIRM, { id: planned.deliveryId, pin: wrong });
      assert.equal(code(res), 'BAD_USER_INPUT');
      assert.equal((res.errors![0]!.extensions as any).attemptsLeft, left);
    }
    assert.equal(
      code(await h.call(driverA, CONFIRM, { id: planned.deliveryId, pin: planned.pin })),
      'RATE_LIMITED',
      'even the right PIN once locked',
    );
    assert.equal(
      (await h.call(organizer, `query($id: ID!) { delivery(id: $id) { pinLocked } }`, { id: planned.deliveryId })).data
        .delivery.pinLocked,
      true,
    );

    assert.equal(
      code(
        await h.call(driverA, `mutation($id: ID!) { resetDeliveryPin(id: $id) { pin } }`, { id: planned.deliveryId }),
      ),
      'FORBIDDEN',
    );
    const reset = await h.call(
      organizer,
      `mutation($id: ID!) { resetDeliveryPin(id: $id) { pin delivery { pinLocked } } }`,
      { id: planned.deliveryId },
    );
    assert.equal(reset.data.resetDeliveryPin.delivery.pinLocked, false);
    assert.equal(
      code(
        await h.call(driverA, CONFIRM, {
          id: planned.deliveryId,
          pin: planned.pin === reset.data.resetDeliveryPin.pin ? wrong : planned.pin,
        }),
      ),
      'BAD_USER_INPUT',
      'the old PIN is gone',
    );
    const ok = await h.call(driverA, CONFIRM, { id: planned.deliveryId, pin: reset.data.resetDeliveryPin.pin });
    assert.equal(ok.data.confirmDelivery.status, 'DELIVERED');
    const [row] = await h.rows(`select pin_hash, pin_salt from delivery where id = ?`, [planned.deliveryId]);
    assert.ok(!JSON.stringify(row).includes(reset.data.resetDeliveryPin.pin), 'only a salted digest is stored');
  });

  it('gives one pack per family per season, serving families by priority', async () => {
    const planned = await plannedDelivery(h, organizer, [donor.id], family({ name: 'Family Amir', region: 'Tangier' }));
    const sacrificeId = await h.allocate([donor.id]);
    const packs = (await h.call(organizer, CREATE_PACKS, { s: sacrificeId, w: [2, 2, 2] })).data.createMeatPacks.map(
      (p: any) => p.id,
    );
    assert.equal(
      code(await h.call(organizer, CREATE_DELIVERY, { p: packs[0], r: planned.recipientId })),
      'CONFLICT',
      'second pack, same family',
    );
    const other = (await h.call(organizer, CREATE_RECIPIENT, { input: family({ region: 'Tangier', priority: 9 }) }))
      .data.createRecipient.id;
    assert.equal(
      code(await h.call(organizer, CREATE_DELIVERY, { p: planned.packId, r: other })),
      'CONFLICT',
      'same pack, second family',
    );

    const urgent = (await h.call(organizer, CREATE_RECIPIENT, { input: family({ region: 'Tangier', priority: 0 }) }))
      .data.createRecipient.id;
    const allocated = await h.call(
      organizer,
      `mutation { allocatePacks(region: "Tangier") { pin delivery { recipient { id } packs { id status } } } }`,
    );
    assert.equal(allocated.errors, undefined);
    const served = allocated.data.allocatePacks.map((c: any) => c.delivery.recipient.id);
    assert.deepEqual(served, [urgent, other], 'highest priority first; the family already served is skipped');
    assert.ok(
      allocated.data.allocatePacks.every(
        (c: any) => c.delivery.packs.length === 1 && c.delivery.packs[0].status === 'ASSIGNED' && /^\d{6}$/.test(c.pin),
      ),
    );
    assert.deepEqual(
      (await h.call(organizer, `mutation { allocatePacks(region: "Tangier") { pin } }`)).data.allocatePacks,
      [],
    );
  });

  it('shows each driver only their own routes and deliveries', async () => {
    const planned = await plannedDelivery(h, organizer, [donor.id], family({ name: 'Family Saidi' }));
    const route = (await h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driverA.id })).data
      .buildRoute;
    const ofB = await h.call(driverB, MY_ROUTES);
    assert.deepEqual(ofB.data.myRoutes.edges, []);
    const entity = await h.call(
      driverB,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Route { id } } }`,
      { r: [{ __typename: 'Route', id: route.id }] },
    );
    assert.deepEqual(entity.data._entities, [null]);
    assert.equal(code(await h.call(driverB, START, { id: planned.deliveryId })), 'NOT_FOUND');
    assert.equal(code(await h.call(driverB, `{ routes { edges { node { id } } } }`)), 'FORBIDDEN');
    assert.equal(code(await h.call(donor, MY_ROUTES)), 'FORBIDDEN');
    assert.ok((await h.call(driverA, MY_ROUTES)).data.myRoutes.edges.some((e: any) => e.node.id === route.id));
  });

  it('orders a route by priority, then by the nearest next family', async () => {
    const at = (name: string, priority: number, latitude: number, longitude: number) =>
      family({ name, priority, latitude, longitude, region: 'Rabat' });
    const far = await plannedDelivery(h, organizer, [donor.id], at('far', 2, 34.1, -6.7));
    const urgent = await plannedDelivery(h, organizer, [donor.id], at('urgent', 1, 34.02, -6.84));
    const near = await plannedDelivery(h, organizer, [donor.id], at('near', 2, 34.0, -6.85));
    const middle = await plannedDelivery(h, organizer, [donor.id], at('middle', 2, 34.05, -6.78));
    const route = await h.call(organizer, BUILD_ROUTE, {
      d: [far, urgent, near, middle].map((p) => p.deliveryId),
      driver: driverB.id,
    });
    assert.deepEqual(
      route.data.buildRoute.stops.map((s: any) => s.delivery.id),
      [urgent, near, middle, far].map((p) => p.deliveryId),
    );
  });

  it('moves a stop that has not set out to a new route and closes the gap in the old one', async () => {
    const first = await plannedDelivery(h, organizer, [donor.id], family({ name: 'one', priority: 1 }));
    const second = await plannedDelivery(h, organizer, [donor.id], family({ name: 'two', priority: 2 }));
    const old = (await h.call(organizer, BUILD_ROUTE, { d: [first.deliveryId, second.deliveryId], driver: driverA.id }))
      .data.buildRoute;
    const moved = await h.call(organizer, BUILD_ROUTE, { d: [first.deliveryId], driver: driverB.id });
    assert.equal(moved.data.buildRoute.driver.id, driverB.id);
    const left = await h.call(
      organizer,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Route { stops { index delivery { id driver { id } } } } } }`,
      { r: [{ __typename: 'Route', id: old.id }] },
    );
    assert.deepEqual(left.data._entities[0].stops, [
      { index: 1, delivery: { id: second.deliveryId, driver: { id: driverA.id } } },
    ]);
    await h.call(driverB, START, { id: first.deliveryId });
    assert.equal(
      code(await h.call(organizer, BUILD_ROUTE, { d: [first.deliveryId], driver: driverA.id })),
      'CONFLICT',
      'already on its way',
    );
  });

  it('refuses bad input with BAD_USER_INPUT and unknown things with NOT_FOUND', async () => {
    assert.equal(code(await h.call(organizer, DELIVERY, { id: 'not-an-id' })), 'BAD_USER_INPUT');
    assert.equal(
      code(await h.call(organizer, CREATE_RECIPIENT, { input: family({ phone: '0612345678' }) })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      code(await h.call(organizer, CREATE_RECIPIENT, { input: family({ householdSize: 0 }) })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      code(await h.call(organizer, CREATE_RECIPIENT, { input: family({ latitude: 33.5 }) })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      code(await h.call(organizer, CREATE_PACKS, { s: '0190a0a0-0000-7000-8000-000000000000', w: [2] })),
      'NOT_FOUND',
      'sacrifice never allocated',
    );
    const sacrificeId = await h.allocate([donor.id]);
    assert.equal(code(await h.call(organizer, CREATE_PACKS, { s: sacrificeId, w: [0] })), 'BAD_USER_INPUT');
    assert.equal(
      code(await h.call(driverA, CONFIRM, { id: '0190a0a0-0000-7000-8000-000000000000', pin: '12ab' })),
      'BAD_USER_INPUT',
    );
    assert.equal(code(await h.call(donor, CREATE_RECIPIENT, { input: family() })), 'FORBIDDEN');
    assert.equal(code(await h.call(null, `{ deliveries { edges { node { id } } } }`)), 'UNAUTHENTICATED');
  });

  it('routes deliveries only to an enabled DRIVER who works at their site', async () => {
    const planned = await plannedDelivery(h, organizer, [donor.id]);
    const build = (driverId: string) => h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driverId });
    const stranger = viewer(Role.DRIVER);
    assert.equal(code(await build(stranger.id)), 'BAD_USER_INPUT', 'identity never announced this account');
    const elsewhere = viewer(Role.DRIVER);
    await h.driver(elsewhere.id, newId());
    const wrongSite = await build(elsewhere.id);
    assert.equal(code(wrongSite), 'BAD_USER_INPUT');
    assert.match(wrongSite.errors![0]!.message, /does not work at site/);
    const executor = viewer(Role.EXECUTOR);
    await h.driver(executor.id, h.siteId, ['EXECUTOR']);
    assert.match((await build(executor.id)).errors![0]!.message, /DRIVER role/);
    // Removed from the site by an organizer: no new routes.
    const leaving = viewer(Role.DRIVER);
    await h.driver(leaving.id);
    await h.publish(Subject.SiteStaffSet, { siteId: h.siteId, accountId: leaving.id, role: 'DRIVER', active: false });
    await eventually(
      async () => (await h.rows('select 1 from site_driver where account_id = ?', [leaving.id])).length === 0,
    );
    assert.equal(code(await build(leaving.id)), 'BAD_USER_INPUT');
    const [row] = await h.rows<{ status: string }>('select status from delivery where id = ?', [planned.deliveryId]);
    assert.equal(row!.status, 'PLANNED', 'nothing was routed by the refused calls');
  });
});
