// Deliveries out for delivery for the live-positions bench: on top of the order-tracking fixture's
// donors and sacrifices, one pack per route, a family near Karachi, a route with its own driver,
// the driver set out; plus the tokens the bench's phones and subscribers use.
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { connect, mapLimit, onceKnown } from '../../scripts/seed/api.mjs';
import { signIn } from '../../scripts/seed/people.mjs';
import { BENCH_ORGANIZER } from './fixture.mjs';

// The fixture gives each donor 5 orders; a larger page would exceed the query cost limit.
const MY_SACRIFICES = `query { myOrders(first: 20) { edges { node { sacrifices(first: 7) { edges { node { id site { id } } } } } } } }`;
const CREATE_PACKS = `mutation($s: ID!, $w: [Float!]!) { createMeatPacks(sacrificeId: $s, weightsKg: $w) { id } }`;
const CREATE_RECIPIENT = `mutation($input: CreateRecipientInput!) { createRecipient(input: $input) { id } }`;
const CREATE_DELIVERY = `mutation($p: ID!, $r: ID!) { createDelivery(packId: $p, recipientId: $r) { delivery { id } } }`;
const BUILD_ROUTE = `mutation($d: [ID!]!, $driver: ID!) { buildRoute(deliveryIds: $d, driverId: $driver) { id } }`;
const CREATE_DRIVER = `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`;
const ADD_SITE_STAFF = `mutation($s: ID!, $a: ID!) { addSiteStaff(siteId: $s, accountId: $a, role: DRIVER) { id } }`;
const START = `mutation($id: ID!) { startDelivery(id: $id) { id status } }`;
const CREATE_LINK = `mutation($d: ID!) { createTrackingLink(deliveryId: $d) { token } }`;

/** A viewer token as the gateway signs it for subgraphs (BENCH_VIA=delivery: phones straight to the subgraph). */
export function viewerToken(secret, sub, roles) {
  return jwt.sign({ sub, roles, sid: randomUUID() }, secret, {
    algorithm: 'HS256',
    audience: 'qurbani-subgraphs',
    issuer: 'qurbani-gateway',
    expiresIn: 3600,
  });
}

/** An access token as the identity subgraph signs it, for an account the bench makes up or owns. */
export function accessToken(secret, sub, roles) {
  return jwt.sign({ sub, roles, sid: randomUUID() }, secret, {
    algorithm: 'HS256',
    audience: 'qurbani-api',
    issuer: 'qurbani-identity',
    expiresIn: 3600,
  });
}

/**
 * `count` deliveries out for delivery, each alone on a route with its own driver, the family 1 km
 * north of where the van starts. Returns, per delivery, its route, its donor, and the tokens.
 */
export async function deliveriesOnTheirWay(gatewayUrl, settings, donors, count) {
  const api = connect(gatewayUrl, { retryInternal: 2 });
  const organizer = await signIn(api, BENCH_ORGANIZER.login, BENCH_ORGANIZER.password);
  const sacrifices = [];
  for (const donor of donors) {
    const { myOrders } = await api.as(donor.token)(MY_SACRIFICES);
    for (const o of myOrders.edges)
      for (const s of o.node.sacrifices.edges)
        sacrifices.push({ sacrificeId: s.node.id, siteId: s.node.site.id, donorId: donor.id });
  }
  const perSacrifice = Math.ceil(count / sacrifices.length);
  const packs = (
    await mapLimit(sacrifices, 4, async (s) => {
      const { createMeatPacks } = await onceKnown(() =>
        organizer.call(CREATE_PACKS, { s: s.sacrificeId, w: Array.from({ length: perSacrifice }, () => 2) }),
      );
      return createMeatPacks.map((p) => ({ packId: p.id, ...s }));
    })
  )
    .flat()
    .slice(0, count);

  const { secrets } = settings;
  return mapLimit(packs, 8, async (pack, i) => {
    const home = { lat: 24.8 + (i % 100) * 0.002, lng: 67.0 + Math.floor(i / 100) * 0.002 };
    const { createRecipient } = await organizer.call(CREATE_RECIPIENT, {
      input: {
        name: `Family ${i}`,
        householdSize: 5,
        region: 'Karachi',
        priority: 1,
        phone: `+9230011${String(i).padStart(5, '0')}`,
        address: `House ${i}, Karachi`,
        latitude: home.lat,
        longitude: home.lng,
      },
    });
    const { createDelivery } = await organizer.call(CREATE_DELIVERY, { p: pack.packId, r: createRecipient.id });
    const deliveryId = createDelivery.delivery.id;
    // A real driver of the site: routes go only to DRIVER accounts that work at the pack's site.
    const { createStaffAccount } = await organizer.call(CREATE_DRIVER, {
      input: {
        login: `bench-driver-${randomUUID()}@bench.test`,
        password: randomUUID(),
        displayName: `Driver ${i}`,
        roles: ['DRIVER'],
      },
    });
    const driverId = createStaffAccount.id;
    // Identity's and the sacrifice subgraph's announcements reach the others a moment later.
    await untilAccepted(() => organizer.call(ADD_SITE_STAFF, { s: pack.siteId, a: driverId }));
    const { buildRoute } = await untilAccepted(() =>
      organizer.call(BUILD_ROUTE, { d: [deliveryId], driver: driverId }),
    );
    const driverToken = accessToken(secrets.accessTokenSecret, driverId, ['DRIVER']);
    await api.as(driverToken)(START, { id: deliveryId });
    return {
      deliveryId,
      routeId: buildRoute.id,
      donorId: pack.donorId,
      start: { lat: home.lat - 0.009, lng: home.lng },
      driverToken,
      driverViewer: viewerToken(secrets.internalSecret, driverId, ['DRIVER']),
      // Made by the delivery subgraph, as an organizer sends one: it only honours links it has recorded.
      linkToken: (await organizer.call(CREATE_LINK, { d: deliveryId })).createTrackingLink.token,
    };
  });
}

/** Calls `call` again while it is refused with BAD_USER_INPUT (for up to 10 s). */
async function untilAccepted(call) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error.code !== 'BAD_USER_INPUT' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
