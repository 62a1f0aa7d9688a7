import { eventually } from '@qurbani/kit/testing';
import {
  AssignByQuotaDocument,
  BuildRouteDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  OrderTrackingDocument,
  StartDeliveryDocument,
} from '@qurbani/sdk';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  performSacrifice,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from './season.js';
import { workAt } from './staff.js';
import type { System } from './system.js';

/** People and places of a tracking test: one sheep site, its executor and a driver. */
export interface TrackingWorld {
  organizer: Actor;
  executor: Actor;
  driver: Actor;
  seasonId: string;
  siteId: string;
  /** Set by `trackingWorld`: packs need the sacrifice performed, at the system's (test) clock. */
  system?: System;
}

export async function trackingWorld(system: System): Promise<TrackingWorld> {
  const organizer = await signInOrganizer(system);
  const executor = await createStaff(system, organizer, 'EXECUTOR', 'Bilal the butcher');
  const driver = await createStaff(system, organizer, 'DRIVER', 'Karim the driver');
  const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
  await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
  await workAt(system, organizer, siteId, driver.id, 'DRIVER');
  return { organizer, executor, driver, seasonId, siteId, system };
}

/** A donor's sheep order, allocated to an animal and assigned to the executor. */
export async function allocatedOrder(system: System, world: TrackingWorld, donor?: Actor) {
  const owner = donor ?? (await registerDonor(system, 'Amina'));
  const order = await placeOrder(owner, 'SHEEP', ['Amina Rahman']);
  // Only paid shares are allocated, first come, first served, and `allocateAll` pays every placed
  // order first: give each waiting share of a placed order (a test may have left one) an animal, once
  // this order has reached the sacrifice subgraph. A seeded backlog (no site, never paid) stays waiting.
  const sacrificeDb = system.subgraphs.sacrifice!.orm.em.getConnection();
  const pending = await eventually(
    async () => {
      const [row] = await sacrificeDb.execute<{ mine: string; paid: string }[]>(
        `select count(*) filter (where order_id = ?) as mine,
                count(*) filter (where site_id is not null or order_id in (select order_id from paid_order)) as paid
           from order_share where sacrifice_id is null`,
        [order.id],
      );
      return Number(row?.mine) > 0 && Number(row?.paid);
    },
    20_000,
    100,
  );
  await addAnimals(world.organizer, world.siteId, 'SHEEP', pending);
  await allocateAll(system, world.organizer, world.seasonId, pending);
  await world.organizer.client.request(AssignByQuotaDocument, {
    siteId: world.siteId,
    executorIds: [world.executor.id],
    quota: 10,
  });
  // The donor subgraph moves the order to ALLOCATED from an event; let that (and its live signal)
  // pass before a test subscribes, so the test sees only the changes it causes.
  const tracked = await eventually(
    async () => {
      const { order: o } = await owner.client.request(OrderTrackingDocument, { id: order.id });
      return o.status === 'ALLOCATED' && o.sacrifices.edges.length > 0 && o;
    },
    20_000,
    100,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { donor: owner, orderId: order.id, sacrificeId: tracked.sacrifices.edges[0]!.node.id };
}

/** The family ~1 km north of where the driver's reports start (Karachi). */
const FAMILY_HOME = { latitude: 24.869, longitude: 67.03 };
export const VAN_START = { lat: 24.86, lng: 67.03 };

/**
 * A pack of the donor's sacrifice on its way to a family: pack, family, delivery, a route for the
 * driver, and (unless `start` is false) the driver set out.
 */
export async function deliveryOnItsWay(
  world: TrackingWorld,
  sacrificeId: string,
  start = true,
  family: { language?: string } = {},
) {
  if (world.system) await performSacrifice(world.system, world.executor, sacrificeId);
  // The delivery subgraph learns of the allocation from an event: retry until it has.
  const packs = await eventually(() =>
    world.organizer.client
      .execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: [3.5] })
      .then((r) => r.data ?? undefined),
  );
  const { createRecipient } = await world.organizer.client.request(CreateRecipientDocument, {
    input: {
      name: 'Family Qureshi',
      householdSize: 6,
      region: 'Lyari',
      priority: 1,
      phone: '+923001234567',
      address: '5 Street, Karachi',
      ...FAMILY_HOME,
      ...family,
    },
  });
  const { createDelivery } = await world.organizer.client.request(CreateDeliveryDocument, {
    packId: packs.createMeatPacks[0]!.id,
    recipientId: createRecipient.id,
  });
  const deliveryId = createDelivery.delivery.id;
  const { buildRoute } = await world.organizer.client.request(BuildRouteDocument, {
    deliveryIds: [deliveryId],
    driverId: world.driver.id,
  });
  if (start) await world.driver.client.request(StartDeliveryDocument, { id: deliveryId });
  return { deliveryId, routeId: buildRoute.id, pin: createDelivery.pin, packId: packs.createMeatPacks[0]!.id };
}

/** A GPS fix `secondsAgo` before now, `northM` metres north of the van's start. */
export const fix = (secondsAgo: number, northM = 0) => ({
  lat: Number((VAN_START.lat + northM / 111_000).toFixed(6)),
  lng: VAN_START.lng,
  fixTime: new Date(Date.now() - secondsAgo * 1000).toISOString(),
  accuracy: 8,
  speed: 6,
});
