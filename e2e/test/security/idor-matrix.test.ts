import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { securityWorld, WHO, type SecurityWorld, type Who } from '../support/security-world.js';
import { startSystem, type System } from '../support/system.js';

/**
 * Every role against every object type and list, by root fields and by stub chains (fields one
 * subgraph adds to another's entity, which the gateway may resolve without asking the owner).
 * `allowed` is the table in docs/graph-contract.md ("Who sees what"); everyone else must get no
 * trace of the object, and a refusal must be a clear one (never an internal error).
 */
interface Probe {
  type: string;
  path: string;
  query: string;
  vars?: (ids: SecurityWorld['ids']) => Record<string, unknown>;
  /** The id that must (or must not) show up in the answer. */
  target?: (ids: SecurityWorld['ids']) => string;
  /** Instead of `target`: whether the answer shows the object. */
  sees?: (data: any) => boolean;
  allowed: Who[];
}

const STAFF_OF_A: Who[] = ['donor', 'executor', 'reviewer', 'organizer'];
const id = (key: keyof SecurityWorld['ids']) => (ids: SecurityWorld['ids']) => ids[key];

const PROBES: Probe[] = [
  {
    type: 'Account',
    path: 'account(id)',
    query: `query($id: ID!) { account(id: $id) { id } }`,
    vars: (i) => ({ id: i.executorAccount }),
    target: id('executorAccount'),
    allowed: ['organizer'],
  },
  {
    type: 'Account',
    path: 'accounts',
    query: `{ accounts(first: 100) { edges { node { id } } } }`,
    target: id('executorAccount'),
    allowed: ['organizer'],
  },
  {
    type: 'Account',
    path: 'sacrifice.executor',
    query: `query($id: ID!) { sacrifice(id: $id) { executor { id displayName } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('executorAccount'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Donor',
    path: 'order.donor',
    query: `query($id: ID!) { order(id: $id) { donor { id } } }`,
    vars: (i) => ({ id: i.orderA }),
    target: id('donorA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Donor',
    path: 'sacrifice.orders.donor (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { orders { donor { id } } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('donorA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Order',
    path: 'order(id)',
    query: `query($id: ID!) { order(id: $id) { id } }`,
    vars: (i) => ({ id: i.orderA }),
    target: id('orderA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Order',
    path: 'orders',
    query: `{ orders(first: 100) { edges { node { id } } } }`,
    target: id('orderA'),
    allowed: ['organizer'],
  },
  {
    type: 'Order',
    path: 'myOrders',
    query: `{ myOrders(first: 100) { edges { node { id } } } }`,
    target: id('orderA'),
    allowed: ['donor'],
  },
  {
    type: 'Order',
    path: 'sacrifice.orders (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { orders { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('orderA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Payment',
    path: 'order.payments',
    query: `query($id: ID!) { order(id: $id) { payments { id } } }`,
    vars: (i) => ({ id: i.orderA }),
    target: id('paymentA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Payment',
    path: 'sacrifice.orders.payments (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { orders { payments { id reference } } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('paymentA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Payment',
    path: 'delivery.packs.sacrifice.orders.payments (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { orders { payments { id } } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('paymentA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Payment',
    path: 'video.sacrifice.orders.payments (stub chain)',
    query: `query($id: ID!) { video(id: $id) { sacrifice { orders { payments { id } } } } }`,
    vars: (i) => ({ id: i.videoA }),
    target: id('paymentA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Season',
    path: 'seasons',
    query: `{ seasons(first: 100) { edges { node { id } } } }`,
    target: id('seasonId'),
    allowed: ['organizer'],
  },
  {
    type: 'Season',
    path: 'sacrifice.site.season',
    query: `query($id: ID!) { sacrifice(id: $id) { site { season { id } } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('seasonId'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Site',
    path: 'sites',
    query: `query($s: ID!) { sites(seasonId: $s) { edges { node { id } } } }`,
    vars: (i) => ({ s: i.seasonId }),
    target: id('siteId'),
    allowed: ['organizer'],
  },
  {
    type: 'Site',
    path: 'sacrifice.site',
    query: `query($id: ID!) { sacrifice(id: $id) { site { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('siteId'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Animal',
    path: 'animals',
    query: `query($s: ID!) { animals(siteId: $s, first: 100) { edges { node { id } } } }`,
    vars: (i) => ({ s: i.siteId }),
    target: id('animalA' as never),
    allowed: ['organizer'],
  },
  {
    type: 'Animal',
    path: 'sacrifice.animal',
    query: `query($id: ID!) { sacrifice(id: $id) { animal { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('animalA' as never),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Sacrifice',
    path: 'sacrifice(id)',
    query: `query($id: ID!) { sacrifice(id: $id) { id } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('sacrificeA'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Sacrifice',
    path: 'mySacrifices',
    query: `{ mySacrifices(first: 100) { edges { node { id } } } }`,
    target: id('sacrificeA'),
    allowed: ['donor', 'executor'],
  },
  {
    type: 'Sacrifice',
    path: 'sacrifices',
    query: `{ sacrifices(first: 100) { edges { node { id } } } }`,
    target: id('sacrificeA'),
    allowed: ['organizer'],
  },
  {
    type: 'Sacrifice',
    path: 'order.sacrifices',
    query: `query($id: ID!) { order(id: $id) { sacrifices { edges { node { id } } } } }`,
    vars: (i) => ({ id: i.orderA }),
    target: id('sacrificeA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Sacrifice',
    path: 'delivery.packs.sacrifice (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { status } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    sees: (d) => !!d?.delivery?.packs?.[0]?.sacrifice?.status,
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Video',
    path: 'video(id)',
    query: `query($id: ID!) { video(id: $id) { id } }`,
    vars: (i) => ({ id: i.videoA }),
    target: id('videoA'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Video',
    path: 'sacrifice.video (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { video { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('videoA'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'Video',
    path: 'delivery.packs.sacrifice.video (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { video { id } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('videoA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'ReviewDecision',
    path: 'video.reviewDecisions',
    query: `query($id: ID!) { video(id: $id) { reviewDecisions { id } } }`,
    vars: (i) => ({ id: i.videoA }),
    target: id('reviewDecisionA'),
    allowed: STAFF_OF_A,
  },
  {
    type: 'ReviewDecision',
    path: 'delivery.packs.sacrifice.videos.reviewDecisions (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { videos { edges { node { reviewDecisions { id } } } } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('reviewDecisionA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Recipient',
    path: 'recipients',
    query: `{ recipients(first: 100) { edges { node { id } } } }`,
    target: id('recipientA1'),
    allowed: ['organizer'],
  },
  {
    type: 'Recipient',
    path: 'delivery.recipient',
    query: `query($id: ID!) { delivery(id: $id) { recipient { id region } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('recipientA1'),
    allowed: ['donor', 'driver', 'organizer', 'link'],
  },
  {
    type: 'Recipient',
    path: 'delivery.recipient.name/phone (contact)',
    query: `query($id: ID!) { delivery(id: $id) { recipient { name phone } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    sees: (d) => d?.delivery?.recipient?.name === 'Family One',
    allowed: ['driver', 'organizer'],
  },
  {
    type: 'Recipient',
    path: 'delivery.packs.sacrifice.meatPacks.delivery.recipient (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { meatPacks { delivery { recipient { id } } } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('recipientA2'),
    allowed: ['donor', 'driver', 'organizer'],
  },
  {
    type: 'MeatPack',
    path: 'delivery.packs',
    query: `query($id: ID!) { delivery(id: $id) { packs { id } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('packA1'),
    allowed: ['donor', 'driver', 'organizer', 'link'],
  },
  {
    type: 'MeatPack',
    path: 'sacrifice.meatPacks (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { meatPacks { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('packA1'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'MeatPack',
    path: 'delivery.packs.sacrifice.meatPacks (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { meatPacks { id } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('packA2'),
    allowed: ['donor', 'driver', 'organizer'],
  },
  {
    type: 'Delivery',
    path: 'delivery(id)',
    query: `query($id: ID!) { delivery(id: $id) { id } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('deliveryA1'),
    allowed: ['donor', 'driver', 'organizer', 'link'],
  },
  {
    type: 'Delivery',
    path: 'delivery(id) of another family',
    query: `query($id: ID!) { delivery(id: $id) { id } }`,
    vars: (i) => ({ id: i.deliveryB }),
    target: id('deliveryB'),
    allowed: ['otherDonor', 'otherDriver', 'organizer'],
  },
  {
    type: 'Delivery',
    path: 'deliveries',
    query: `{ deliveries(first: 100) { edges { node { id } } } }`,
    target: id('deliveryA1'),
    allowed: ['organizer'],
  },
  {
    type: 'Delivery',
    path: 'delivery.packs.sacrifice.meatPacks.delivery (stub chain)',
    query: `query($id: ID!) { delivery(id: $id) { packs { sacrifice { meatPacks { delivery { id } } } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('deliveryA2'),
    allowed: ['donor', 'driver', 'organizer'],
  },
  {
    type: 'Delivery',
    path: 'myRoutes.stops.delivery',
    query: `{ myRoutes(first: 100) { edges { node { stops { delivery { id } } } } } }`,
    target: id('deliveryA1'),
    allowed: ['driver'],
  },
  {
    type: 'Route',
    path: 'routes',
    query: `{ routes(first: 100) { edges { node { id } } } }`,
    target: id('routeA'),
    allowed: ['organizer'],
  },
  {
    type: 'Route',
    path: 'myRoutes',
    query: `{ myRoutes(first: 100) { edges { node { id } } } }`,
    target: id('routeA'),
    allowed: ['driver'],
  },
  {
    type: 'Route',
    path: 'delivery.route',
    query: `query($id: ID!) { delivery(id: $id) { route { id } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    target: id('routeA'),
    allowed: ['driver', 'organizer'],
  },
  {
    type: 'DriverPosition',
    path: 'driverPosition(deliveryId)',
    query: `query($id: ID!) { driverPosition(deliveryId: $id) { lat } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    sees: (d) => d?.driverPosition?.lat != null,
    allowed: ['donor', 'driver', 'organizer', 'link'],
  },
  {
    type: 'DriverPosition',
    path: 'delivery.driverPosition',
    query: `query($id: ID!) { delivery(id: $id) { driverPosition { lat } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    sees: (d) => d?.delivery?.driverPosition?.lat != null,
    allowed: ['donor', 'driver', 'organizer', 'link'],
  },
  {
    type: 'DriverPosition',
    path: 'routePosition(routeId)',
    query: `query($id: ID!) { routePosition(routeId: $id) { lat } }`,
    vars: (i) => ({ id: i.routeA }),
    sees: (d) => d?.routePosition?.lat != null,
    allowed: ['driver', 'organizer'],
  },
  {
    type: 'DriverPosition',
    path: 'driverPosition.route.position',
    query: `query($id: ID!) { driverPosition(deliveryId: $id) { route { position { lat } } } }`,
    vars: (i) => ({ id: i.deliveryA1 }),
    sees: (d) => d?.driverPosition?.route?.position?.lat != null,
    allowed: ['driver', 'organizer'],
  },
  {
    type: 'Hide',
    path: 'hide(id)',
    query: `query($id: ID!) { hide(id: $id) { id } }`,
    vars: (i) => ({ id: i.hideA }),
    target: id('hideA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Hide',
    path: 'hides',
    query: `{ hides(first: 100) { edges { node { id } } } }`,
    target: id('hideA'),
    allowed: ['organizer'],
  },
  {
    type: 'Hide',
    path: 'sacrifice.hide (stub chain)',
    query: `query($id: ID!) { sacrifice(id: $id) { hide { id } } }`,
    vars: (i) => ({ id: i.sacrificeA }),
    target: id('hideA'),
    allowed: ['donor', 'organizer'],
  },
  {
    type: 'Lot',
    path: 'lots',
    query: `{ lots(first: 100) { edges { node { id } } } }`,
    target: id('lotA'),
    allowed: ['organizer'],
  },
  {
    type: 'Lot',
    path: 'hide.lot',
    query: `query($id: ID!) { hide(id: $id) { lot { id } } }`,
    vars: (i) => ({ id: i.hideA }),
    target: id('lotA'),
    allowed: ['organizer'],
  },
  {
    type: 'Buyer',
    path: 'buyers',
    query: `{ buyers(first: 100) { edges { node { id } } } }`,
    target: id('buyer'),
    allowed: ['organizer'],
  },
  {
    type: 'Buyer',
    path: 'hide.lot.sale.buyer',
    query: `query($id: ID!) { hide(id: $id) { lot { sale { buyer { id } } } } }`,
    vars: (i) => ({ id: i.hideA }),
    target: id('buyer'),
    allowed: ['organizer'],
  },
  {
    type: 'Sale',
    path: 'lots.sale',
    query: `{ lots(first: 100) { edges { node { sale { id } } } } }`,
    target: id('saleA'),
    allowed: ['organizer'],
  },
  {
    type: 'Sale',
    path: 'hide.lot.sale',
    query: `query($id: ID!) { hide(id: $id) { lot { sale { id priceMinor } } } }`,
    vars: (i) => ({ id: i.hideA }),
    target: id('saleA'),
    allowed: ['organizer'],
  },
  {
    type: 'Notification',
    path: 'myNotifications',
    query: `{ myNotifications(first: 100) { edges { node { id } } } }`,
    target: id('notificationA'),
    allowed: ['donor'],
  },
  {
    type: 'Notification',
    path: 'notification(id)',
    query: `query($id: ID!) { notification(id: $id) { id } }`,
    vars: (i) => ({ id: i.notificationA }),
    target: id('notificationA'),
    allowed: ['donor'],
  },
];

const CLEAR_REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);

describe('who reaches which object, by root fields and by stub chains (IDOR matrix)', () => {
  let system: System;
  let world: SecurityWorld;
  let ids: SecurityWorld['ids'] & { animalA: string };

  before(async () => {
    system = await startSystem();
    world = await securityWorld(system);
    const animal = await world.as('organizer', `query($id: ID!) { sacrifice(id: $id) { animal { id } } }`, {
      id: world.ids.sacrificeA,
    });
    ids = { ...world.ids, animalA: animal.data.sacrifice.animal.id };
  });
  after(async () => {
    await world?.close();
    await system?.close();
  });

  for (const type of [...new Set(PROBES.map((p) => p.type))]) {
    it(`${type}: allowed exactly where docs/graph-contract.md says`, async () => {
      const wrong: string[] = [];
      for (const probe of PROBES.filter((p) => p.type === type)) {
        for (const who of WHO) {
          const result = await world.as(who, probe.query, probe.vars?.(ids) ?? {});
          const seen = probe.sees
            ? probe.sees(result.data)
            : JSON.stringify(result.data ?? null).includes(probe.target!(ids));
          const expected = probe.allowed.includes(who);
          if (seen !== expected)
            wrong.push(
              `${probe.path} as ${who}: ${seen ? 'sees it' : 'does not see it'} (${JSON.stringify(result).slice(0, 300)})`,
            );
          const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
          if (!expected && codes.some((c) => !CLEAR_REFUSALS.has(c)))
            wrong.push(`${probe.path} as ${who}: unclear refusal ${JSON.stringify(result.errors).slice(0, 300)}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('refuses a tracking link used as an access token over HTTP', async () => {
    const result = await system.client(world.linkToken).execute(parse(`{ me { id } }`) as never, {} as never);
    assert.equal(result.status, 401);
    assert.equal(result.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });
});
