import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AccountByIdDocument,
  AllOrdersDocument,
  AssignByQuotaDocument,
  CancelOrderDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  DeliveriesDocument,
  DeliveryDocument,
  HideByIdDocument,
  HidesDocument,
  MyAssignedSacrificesDocument,
  MyOrdersTrackingDocument,
  OrderTrackingDocument,
  PlaceOrderDocument,
  RecordHideDocument,
  SacrificeByIdDocument,
  StaffAccountsDocument,
  StartProofVideoDocument,
  VideoByIdDocument,
  type ApiResult,
} from '@qurbani/sdk';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  placeOrder,
  registerDonor,
  SEASON_1447,
  signInOrganizer,
  type Actor,
  performSacrifice,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { workAt } from './support/staff.js';

const refusedWith = (result: ApiResult<unknown>, codes = ['NOT_FOUND', 'FORBIDDEN']) => {
  assert.ok(result.errors?.length, 'expected the request to be refused');
  assert.ok(codes.includes(result.errors[0]!.extensions?.code ?? ''), `unexpected ${JSON.stringify(result.errors[0])}`);
  assert.ok(
    result.data == null || Object.values(result.data).every((v) => v == null),
    'nothing of the object may leak',
  );
};

describe("donor B cannot reach donor A's objects, by id or through a list", () => {
  let system: System;
  let a: Actor;
  let b: Actor;
  let organizer: Actor;
  const ids = {} as {
    sheepOrder: string;
    sheepSacrifice: string;
    cowSacrifice: string;
    bCowOrder: string;
    video: string;
    delivery: string;
    hide: string;
    sheepRequest: string;
    siteId: string;
  };

  before(async () => {
    system = await startSystem();
    organizer = await signInOrganizer(system);
    const executor = await createStaff(system, organizer, 'EXECUTOR', 'Executor');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    ids.siteId = siteId;
    await addAnimals(organizer, siteId, 'SHEEP', 1);
    await addAnimals(organizer, siteId, 'COW', 1);
    a = await registerDonor(system, 'Donor A');
    b = await registerDonor(system, 'Donor B');
    ids.sheepRequest = randomUUID();
    ids.sheepOrder = (await placeOrder(a, 'SHEEP', ['Name Of A'], ids.sheepRequest)).id;
    await placeOrder(a, 'COW', ['Cow Name A1', 'Cow Name A2']);
    ids.bCowOrder = (await placeOrder(b, 'COW', ['Cow Name B'])).id;
    await allocateAll(system, organizer, seasonId, 4);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: 10 });

    const { order } = await a.client.request(OrderTrackingDocument, { id: ids.sheepOrder });
    ids.sheepSacrifice = order.sacrifices.edges[0]!.node.id;
    const { order: bOrder } = await b.client.request(OrderTrackingDocument, { id: ids.bCowOrder });
    ids.cowSacrifice = bOrder.sacrifices.edges[0]!.node.id;

    const sacrificeId = ids.sheepSacrifice;
    ids.video = (await eventually(() =>
      executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => r.data ?? undefined),
    ))!.requestVideoUpload.id;
    await performSacrifice(system, executor, sacrificeId);
    const packs = await eventually(() =>
      organizer.client
        .execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: [4] })
        .then((r) => r.data ?? undefined),
    );
    const { createRecipient } = await organizer.client.request(CreateRecipientDocument, {
      input: {
        name: 'Family',
        householdSize: 5,
        region: 'Sindh',
        priority: 1,
        phone: '+923001234567',
        address: '12 Street, Karachi',
      },
    });
    ids.delivery = (
      await organizer.client.request(CreateDeliveryDocument, {
        packId: packs.createMeatPacks[0]!.id,
        recipientId: createRecipient.id,
      })
    ).createDelivery.delivery.id;
    const hide = await eventually(() =>
      organizer.client
        .execute(RecordHideDocument, { sacrificeId, collectedAt: SEASON_1447.insideWindow, weightKg: 3 })
        .then((r) => r.data ?? undefined),
    );
    ids.hide = hide.recordHide.id;
  });
  after(() => system?.close());

  it("gives A every one of A's objects (so the refusals below are about ownership)", async () => {
    assert.equal((await a.client.request(OrderTrackingDocument, { id: ids.sheepOrder })).order.id, ids.sheepOrder);
    assert.equal(
      (await a.client.request(SacrificeByIdDocument, { id: ids.sheepSacrifice })).sacrifice.id,
      ids.sheepSacrifice,
    );
    assert.equal((await a.client.request(VideoByIdDocument, { id: ids.video })).video.id, ids.video);
    assert.equal((await a.client.request(DeliveryDocument, { id: ids.delivery })).delivery.id, ids.delivery);
  });

  it("hides the family's phone and address from the donor whose meat they receive, not from the organizer", async () => {
    const { delivery } = await a.client.request(DeliveryDocument, { id: ids.delivery });
    assert.equal(delivery.recipient.region, 'Sindh');
    assert.equal(delivery.recipient.phone, null);
    assert.equal(delivery.recipient.address, null);
    const staff = await organizer.client.request(DeliveryDocument, { id: ids.delivery });
    assert.equal(staff.delivery.recipient.phone, '+923001234567');
    assert.equal(staff.delivery.recipient.address, '12 Street, Karachi');
  });

  it("refuses B A's order, sacrifice, video, delivery, hide and account by id", async () => {
    refusedWith(await b.client.execute(OrderTrackingDocument, { id: ids.sheepOrder }));
    refusedWith(await b.client.execute(SacrificeByIdDocument, { id: ids.sheepSacrifice }));
    refusedWith(await b.client.execute(VideoByIdDocument, { id: ids.video }));
    refusedWith(await b.client.execute(DeliveryDocument, { id: ids.delivery }));
    refusedWith(await b.client.execute(HideByIdDocument, { id: ids.hide }));
    refusedWith(await b.client.execute(AccountByIdDocument, { id: a.id }));
  });

  it("refuses B cancelling A's order, and A's order is unchanged", async () => {
    refusedWith(await b.client.execute(CancelOrderDocument, { id: ids.sheepOrder }));
    const { order } = await a.client.request(OrderTrackingDocument, { id: ids.sheepOrder });
    // Performed in `before` (its meat and hide exist), and still so.
    assert.equal(order.status, 'SACRIFICED');
  });

  it("never returns A's order to B for A's idempotency key", async () => {
    const { placeOrder: mine } = await b.client.request(PlaceOrderDocument, {
      input: {
        clientRequestId: ids.sheepRequest,
        species: 'SHEEP',
        shares: ['B again'],
        siteId: ids.siteId,
      },
    });
    assert.notEqual(mine.id, ids.sheepOrder);
    assert.deepEqual(
      mine.shares.map((s) => s.offeredFor),
      ['B again'],
    );
  });

  it("shows B the cow they share with A, with only B's name and B's order", async () => {
    const { sacrifice } = await b.client.request(SacrificeByIdDocument, { id: ids.cowSacrifice });
    assert.deepEqual(sacrifice.namesToPronounce, ['Cow Name B']);
    const full = await a.client.request(SacrificeByIdDocument, { id: ids.cowSacrifice });
    assert.deepEqual([...full.sacrifice.namesToPronounce].sort(), ['Cow Name A1', 'Cow Name A2']);
    // The tracking screen reaches the same names another way: through each order's sacrifices.
    const tracked = async (client: typeof a.client) => {
      const { myOrders } = await client.request(MyOrdersTrackingDocument, { first: 100 });
      return myOrders.edges
        .flatMap((e) => e.node.sacrifices.edges)
        .filter((s) => s.node.id === ids.cowSacrifice)
        .map((s) => [...s.node.namesToPronounce].sort());
    };
    assert.deepEqual(await tracked(b.client), [['Cow Name B']]);
    assert.deepEqual(await tracked(a.client), [['Cow Name A1', 'Cow Name A2']]);
  });

  it("keeps A's objects out of B's lists, and staff lists closed to donors", async () => {
    const { myOrders } = await b.client.request(MyOrdersTrackingDocument, { first: 100 });
    assert.ok(myOrders.edges.length >= 1);
    for (const edge of myOrders.edges) {
      assert.notEqual(edge.node.id, ids.sheepOrder);
      for (const s of edge.node.sacrifices.edges) assert.notEqual(s.node.id, ids.sheepSacrifice);
    }
    const { mySacrifices } = await b.client.request(MyAssignedSacrificesDocument, { first: 100 });
    assert.deepEqual(
      mySacrifices.edges.map((e) => e.node.id),
      [ids.cowSacrifice],
    );
    refusedWith(await b.client.execute(AllOrdersDocument, { first: 100 }), ['FORBIDDEN']);
    refusedWith(await b.client.execute(DeliveriesDocument, { first: 100 }), ['FORBIDDEN']);
    refusedWith(await b.client.execute(HidesDocument, { first: 100 }), ['FORBIDDEN']);
    refusedWith(await b.client.execute(StaffAccountsDocument, { first: 100 }), ['FORBIDDEN']);
  });
});
