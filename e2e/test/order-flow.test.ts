import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AssignByQuotaDocument,
  CreateMeatPacksDocument,
  MyOrdersTrackingDocument,
  OrderTrackingDocument,
  RecordHideDocument,
  RecordSacrificePerformedDocument,
  SacrificeByIdDocument,
  SiteSacrificesDocument,
  StartProofVideoDocument,
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
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { workAt } from './support/staff.js';

describe('a donor follows their order from payment to sacrifice, through the gateway', () => {
  let system: System;
  let organizer: Actor;
  let executor: Actor;
  let donor: Actor;
  let siteId: string;
  let sheepOrderId: string;
  let cowOrderId: string;

  before(async () => {
    system = await startSystem();
    organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Bilal the butcher');
    const season = await createSeasonAndSite(organizer, system);
    siteId = season.siteId;
    await addAnimals(organizer, siteId, 'SHEEP', 1);
    await addAnimals(organizer, siteId, 'COW', 1);

    donor = await registerDonor(system, 'Amina');
    sheepOrderId = (await placeOrder(donor, 'SHEEP', ['Amina Rahman'])).id;
    cowOrderId = (await placeOrder(donor, 'COW', ['Yusuf Ali', 'Khadija Ali'])).id;
    await allocateAll(system, organizer, season.seasonId, 3);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    const { assignByQuota } = await organizer.client.request(AssignByQuotaDocument, {
      siteId,
      executorIds: [executor.id],
      quota: 10,
    });
    assert.equal(assignByQuota.assigned, 2);
  });
  after(() => system?.close());

  it('lets the organizer see both animals assigned to the executor with every name to pronounce', async () => {
    const { sacrifices } = await organizer.client.request(SiteSacrificesDocument, { siteId });
    const byspecies = Object.fromEntries(sacrifices.edges.map((e) => [e.node.species, e.node]));
    assert.deepEqual(byspecies.SHEEP?.namesToPronounce, ['Amina Rahman']);
    assert.deepEqual([...(byspecies.COW?.namesToPronounce ?? [])].sort(), ['Khadija Ali', 'Yusuf Ali']);
    for (const s of sacrifices.edges) assert.equal(s.node.executor?.id, executor.id);
  });

  it('answers one query with the order, its sacrifices, animals, executor, video, meat and hide from six subgraphs (no meat or hide before the sacrifice)', async () => {
    const { order } = await donor.client.request(OrderTrackingDocument, { id: cowOrderId });
    const sacrificeId = order.sacrifices.edges[0]!.node.id;
    // Delivery, skin and video learn about the sacrifice from events; wait for them, then act through the API.
    await eventually(() =>
      executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
    );
    // Meat and hide of an animal not yet sacrificed do not exist: once delivery and skin know the
    // sacrifice (NOT_FOUND until then), both are refused with CONFLICT.
    const refusal = (r: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
      r.errors?.[0]?.extensions?.code === 'CONFLICT' && r.errors[0].message;
    assert.match(
      await eventually(() =>
        organizer.client.execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: [3, 3] }).then(refusal),
      ),
      /not performed yet/,
    );
    assert.match(
      await eventually(() =>
        organizer.client
          .execute(RecordHideDocument, { sacrificeId, collectedAt: SEASON_1447.insideWindow, weightKg: 22 })
          .then(refusal),
      ),
      /not performed yet/,
    );

    system.resetCounters();
    const { order: tracked } = await donor.client.request(OrderTrackingDocument, { id: cowOrderId });
    assert.equal(tracked.shareCount, 2);
    assert.equal(tracked.status, 'ALLOCATED');
    const sacrifice = tracked.sacrifices.edges[0]!.node;
    assert.equal(sacrifice.status, 'ASSIGNED');
    assert.equal(sacrifice.animal.species, 'COW');
    assert.equal(sacrifice.site.timeZone, 'Asia/Karachi');
    assert.equal(sacrifice.executor?.displayName, 'Bilal the butcher');
    assert.equal(sacrifice.video?.status, 'AWAITING_UPLOAD');
    assert.equal(sacrifice.meatPacks.length, 0);
    assert.equal(sacrifice.hide, null);
    const touched = Object.entries(system.subgraphs)
      .filter(([, s]) => s.stats.requests > 0)
      .map(([name]) => name);
    assert.deepEqual(touched.sort(), ['delivery', 'donor', 'identity', 'sacrifice', 'skin', 'video']);
  });

  it('refuses a sacrifice recorded before the Eid prayer with OUTSIDE_SACRIFICE_WINDOW and changes nothing', async () => {
    const { order } = await donor.client.request(OrderTrackingDocument, { id: sheepOrderId });
    const sacrificeId = order.sacrifices.edges[0]!.node.id;
    const refused = await executor.client.execute(RecordSacrificePerformedDocument, {
      sacrificeId,
      performedAt: SEASON_1447.beforeWindow,
    });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    assert.match(refused.errors![0]!.message, /Karachi East/);
    const { sacrifice } = await donor.client.request(SacrificeByIdDocument, { id: sacrificeId });
    assert.equal(sacrifice.status, 'ASSIGNED');
    assert.equal(sacrifice.performedAt, null);
  });

  it('refuses a sacrifice recorded after the window and backdated into it, and changes nothing', async () => {
    // The server's clock (today) is long past the 1447 window; the client claims a time inside it.
    const { order } = await donor.client.request(OrderTrackingDocument, { id: cowOrderId });
    const sacrificeId = order.sacrifices.edges[0]!.node.id;
    const refused = await executor.client.execute(RecordSacrificePerformedDocument, {
      sacrificeId,
      performedAt: SEASON_1447.insideWindow,
    });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    assert.match(refused.errors![0]!.message, /at most 5 minutes before the server's clock/);
    const { sacrifice } = await donor.client.request(SacrificeByIdDocument, { id: sacrificeId });
    assert.equal(sacrifice.status, 'ASSIGNED');
    assert.equal(sacrifice.performedAt, null);
  });

  it('moves the order to SACRIFICED once the executor records it inside the window', async () => {
    const { order } = await donor.client.request(OrderTrackingDocument, { id: sheepOrderId });
    const sacrificeId = order.sacrifices.edges[0]!.node.id;
    // The sacrifice is recorded at the server's time: set the system's clock inside the window.
    system.now.value = new Date(SEASON_1447.insideWindow);
    const { recordSacrificePerformed } = await executor.client
      .request(RecordSacrificePerformedDocument, { sacrificeId })
      .finally(() => {
        system.now.value = null;
      });
    assert.equal(recordSacrificePerformed.status, 'PERFORMED');
    const settled = await eventually(async () => {
      const { myOrders } = await donor.client.request(MyOrdersTrackingDocument, { first: 10 });
      const sheep = myOrders.edges.find((e) => e.node.id === sheepOrderId)?.node;
      return sheep?.status === 'SACRIFICED' && sheep;
    });
    assert.equal(settled.sacrifices.edges[0]!.node.performedAt, SEASON_1447.insideWindow);
  });
});
