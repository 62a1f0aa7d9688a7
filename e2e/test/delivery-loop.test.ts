import { eventually } from '@qurbani/kit/testing';
import {
  AuditChainsDocument,
  AuditTrailDocument,
  BuildRouteDocument,
  ConfirmDeliveryDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  FailDeliveryDocument,
  mergeAuditTrails,
  OrderTrackingDocument,
  RerouteDeliveryDocument,
  StartDeliveryDocument,
} from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaff, type Actor } from './support/season.js';
import { workAt } from './support/staff.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

const conflictMessage = (r: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code === 'CONFLICT' && r.errors[0].message;

describe('the delivery loop: a failed handover is re-routed, delivered, and the order ends DELIVERED', () => {
  let system: System;
  let world: TrackingWorld;
  let secondDriver: Actor;
  let order: Awaited<ReturnType<typeof allocatedOrder>>;

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    secondDriver = await createStaff(system, world.organizer, 'DRIVER', 'Second driver');
    await workAt(system, world.organizer, world.siteId, secondDriver.id, 'DRIVER');
    order = await allocatedOrder(system, world);
  });
  after(() => system?.close());

  it('refuses meat packs of a sacrifice not yet performed', async () => {
    const refused = await eventually(() =>
      world.organizer.client
        .execute(CreateMeatPacksDocument, { sacrificeId: order.sacrificeId, weightsKg: [3] })
        .then(conflictMessage),
    );
    assert.match(refused, /not performed yet/);
  });

  it('fails a delivery with a reason, re-routes it to another driver, delivers it, and the order ends DELIVERED', async () => {
    const first = await deliveryOnItsWay(world, order.sacrificeId); // performs the sacrifice, then packs
    const organizer = world.organizer.client;
    const failed = await world.driver.client.request(FailDeliveryDocument, {
      id: first.deliveryId,
      reason: 'Nobody home; neighbours say the family is away until tomorrow',
    });
    assert.equal(failed.failDelivery.status, 'FAILED');
    assert.match(failed.failDelivery.failureReason ?? '', /Nobody home/);
    const again = await world.driver.client.execute(FailDeliveryDocument, { id: first.deliveryId, reason: 'again' });
    assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT');

    // A second pack of the same animal, for another family, on the second driver's route.
    const { createMeatPacks } = await organizer.request(CreateMeatPacksDocument, {
      sacrificeId: order.sacrificeId,
      weightsKg: [3],
    });
    const { createRecipient } = await organizer.request(CreateRecipientDocument, {
      input: {
        name: 'Family Siddiqui',
        householdSize: 4,
        region: 'Lyari',
        priority: 2,
        phone: '+923001234568',
        address: '7 Street, Karachi',
      },
    });
    const { createDelivery: second } = await organizer.request(CreateDeliveryDocument, {
      packId: createMeatPacks[0]!.id,
      recipientId: createRecipient.id,
    });
    const { buildRoute } = await organizer.request(BuildRouteDocument, {
      deliveryIds: [second.delivery.id],
      driverId: secondDriver.id,
    });
    // The first driver may not re-route; an organizer may.
    const byDriver = await world.driver.client.execute(RerouteDeliveryDocument, {
      id: first.deliveryId,
      routeId: buildRoute.id,
    });
    assert.equal(byDriver.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const { rerouteDelivery } = await organizer.request(RerouteDeliveryDocument, {
      id: first.deliveryId,
      routeId: buildRoute.id,
    });
    assert.deepEqual(rerouteDelivery, {
      id: first.deliveryId,
      status: 'ASSIGNED',
      stopIndex: 2,
      route: { id: buildRoute.id, status: 'PLANNED' },
    });

    const deliver = async (id: string, pin: string) => {
      await secondDriver.client.request(StartDeliveryDocument, { id });
      return (await secondDriver.client.request(ConfirmDeliveryDocument, { id, pin })).confirmDelivery.status;
    };
    assert.equal(await deliver(first.deliveryId, first.pin), 'DELIVERED');
    const halfway = await world.organizer.client.request(OrderTrackingDocument, { id: order.orderId });
    assert.notEqual(halfway.order.status, 'DELIVERED', 'one pack of the animal is still on its way');
    assert.equal(await deliver(second.delivery.id, second.pin), 'DELIVERED');

    const delivered = await eventually(async () => {
      const { order: o } = await order.donor.client.request(OrderTrackingDocument, { id: order.orderId });
      return o.status === 'DELIVERED' && o;
    }, 20_000);
    assert.equal(delivered.status, 'DELIVERED');
    const routeAfter = await organizer
      .request(RerouteDeliveryDocument, { id: first.deliveryId, routeId: buildRoute.id })
      .catch((e) => e);
    assert.match(String(routeAfter), /CONFLICT/, 'a delivered delivery is not re-routed');

    // Every step left one audit record, in one unbroken chain per subgraph.
    const trail = mergeAuditTrails(await organizer.request(AuditTrailDocument, { entityId: first.deliveryId }));
    assert.deepEqual(
      trail.map((r) => [r.scope, r.action, r.actorId]),
      [
        ['delivery', 'delivery.confirmed', secondDriver.id],
        ['delivery', 'delivery.rerouted', world.organizer.id],
        ['delivery', 'delivery.failed', world.driver.id],
        ['delivery', 'route.built', world.organizer.id],
      ],
    );
    assert.ok(trail.every((r) => r.requestId && !/Nobody|Siddiqui|\+92/.test(`${r.before}${r.after}`)));
    const chains = await organizer.request(AuditChainsDocument, {});
    assert.ok(
      Object.values(chains).every((c) => c.valid),
      JSON.stringify(chains),
    );
  });
});
