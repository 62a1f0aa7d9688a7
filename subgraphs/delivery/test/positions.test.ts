import { connectNats, type NatsHandles } from '@qurbani/events';
import { FieldCipher, Role, signViewerToken, trackingViewer, verifyTrackingLink, VIEWER_HEADER } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BUILD_ROUTE,
  CONFIRM,
  EID_1447,
  family,
  plannedDelivery,
  START,
  startHarness,
  viewer,
  type Harness,
} from './harness.js';

const organizer = viewer(Role.ORGANIZER);
const driver = viewer(Role.DRIVER);
const otherDriver = viewer(Role.DRIVER);
const donor = viewer(Role.DONOR);
const otherDonor = viewer(Role.DONOR);

const REPORT = `mutation($r: ID!, $p: [PositionInput!]!) { reportPositions(routeId: $r, points: $p) { accepted late dropped { index reason } current { lat lng fixTime } } }`;
const POSITION = `query($d: ID!) { driverPosition(deliveryId: $d) { routeId deliveryId lat lng fixTime accuracy speed eta } }`;
const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

// Casablanca, the family ~1 km north of where the van starts.
const HOME = { latitude: 33.579, longitude: -7.59 };
const at = (secondsBeforeNow: number, lat = 33.57, lng = -7.59) => ({
  lat,
  lng,
  fixTime: new Date(EID_1447.getTime() - secondsBeforeNow * 1000).toISOString(),
  accuracy: 8,
  speed: 7,
});

describe('driver positions', () => {
  let h: Harness;
  let nats: NatsHandles;
  let prefix: string;
  const signals: { subject: string; body: any }[] = [];

  before(async () => {
    h = await startHarness();
    await h.driver(driver.id);
    nats = await connectNats('nats://127.0.0.1:4222');
    prefix = h.run.subjectPrefix;
    const sub = nats.nc.subscribe(`${prefix}.live.>`);
    void (async () => {
      for await (const m of sub) signals.push({ subject: m.subject.slice(prefix.length + 1), body: m.json() });
    })();
  });
  after(async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await nats.close();
    await h.close();
  });

  async function outForDelivery(donorIds = [donor.id]) {
    const planned = await plannedDelivery(h, organizer, donorIds, family({ ...HOME, region: 'Anfa' }));
    const route = await h.call(organizer, BUILD_ROUTE, { d: [planned.deliveryId], driver: driver.id });
    const routeId = route.data.buildRoute.id as string;
    return { ...planned, routeId, start: () => h.call(driver, START, { id: planned.deliveryId }) };
  }

  it('keeps the latest fix, drops duplicates, future fixes and impossible jumps, and files late fixes in history only', async () => {
    const d = await outForDelivery();
    await d.start();
    // Out of order in one batch: the latest becomes current.
    const first = await h.call(driver, REPORT, { r: d.routeId, p: [at(60, 33.5712), at(120, 33.57), at(90, 33.5706)] });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual(first.data.reportPositions, {
      accepted: 3,
      late: 0,
      dropped: [],
      current: { lat: 33.5712, lng: -7.59, fixTime: at(60).fixTime },
    });

    const second = await h.call(driver, REPORT, {
      r: d.routeId,
      p: [
        at(60, 33.5712), // the same fix again
        at(-600, 33.572), // ten minutes in the future
        at(50, 33.8), // 25 km in 10 s
        at(150, 33.5695), // late: older than the current position
        at(30, 33.5718),
      ],
    });
    assert.deepEqual(second.data.reportPositions, {
      accepted: 2,
      late: 1,
      dropped: [
        { index: 0, reason: 'DUPLICATE' },
        { index: 1, reason: 'FUTURE' },
        { index: 2, reason: 'IMPOSSIBLE_JUMP' },
      ],
      current: { lat: 33.5718, lng: -7.59, fixTime: at(30).fixTime },
    });

    // A late batch alone never moves the current position back.
    const late = await h.call(driver, REPORT, { r: d.routeId, p: [at(100, 33.5704)] });
    assert.equal(late.data.reportPositions.late, 1);
    assert.equal(late.data.reportPositions.current.fixTime, at(30).fixTime);

    // History: one fix per 30 s bucket, late ones included, the point encrypted.
    const rows = await eventually(async () => {
      const found = await h.rows(
        `select fix_time, point_encrypted from route_position where route_id = ? order by fix_time`,
        [d.routeId],
      );
      return found.length >= 5 && found;
    });
    const times = rows.map((r: any) => (EID_1447.getTime() - new Date(r.fix_time).getTime()) / 1000);
    assert.deepEqual(times, [150, 120, 90, 60, 30]);
    assert.ok(rows.every((r: any) => r.point_encrypted.startsWith('v1.') && !r.point_encrypted.includes('33.57')));
    const cipher = new FieldCipher('test-pii-key-0123456789abcdef0123456789abcdef');
    assert.equal(cipher.decrypt(rows[0].point_encrypted), '33.5695,-7.59');
  });

  it("gives each delivery an ETA from its driver's position and announces moves without personal data", async () => {
    const d = await outForDelivery();
    await d.start();
    await h.call(driver, REPORT, { r: d.routeId, p: [at(20)] });
    const seen = await h.call(organizer, POSITION, { d: d.deliveryId });
    const position = seen.data.driverPosition;
    assert.equal(position.routeId, d.routeId);
    assert.equal(position.lat, 33.57);
    // ~1 km x 1.3 at 25 km/h: about 187 s after the fix.
    const etaSeconds = (Date.parse(position.eta) - Date.parse(position.fixTime)) / 1000;
    assert.ok(etaSeconds > 170 && etaSeconds < 200, `ETA ${etaSeconds} s after the fix`);
    const viaDelivery = await h.call(
      organizer,
      `query($id: ID!) { delivery(id: $id) { eta driverPosition { eta } } }`,
      { id: d.deliveryId },
    );
    assert.equal(viaDelivery.data.delivery.eta, position.eta);

    const signal = await eventually(async () => signals.find((s) => s.subject === `live.position.${d.deliveryId}`));
    assert.equal(signal.body.deliveryId, d.deliveryId);
    assert.equal(signal.body.eta, position.eta);
    assert.ok(signals.some((s) => s.subject === `live.route-position.${d.routeId}`));
    // Status signals leave through the outbox relay, once the change committed.
    await eventually(async () =>
      signals.some((s) => s.subject === `live.delivery.${d.deliveryId}` && s.body.status === 'OUT_FOR_DELIVERY'),
    );
    const wire = JSON.stringify(signals);
    assert.ok(!/Benali|\+212|Oliviers|33\.579/.test(wire), 'no family name, phone, address or location on the wire');
  });

  it("lets only the route's driver report, and shows the driver to the donor only while their pack is on its way", async () => {
    const d = await outForDelivery();
    assert.equal(code(await h.call(otherDriver, REPORT, { r: d.routeId, p: [at(10)] })), 'NOT_FOUND');
    assert.equal(code(await h.call(donor, REPORT, { r: d.routeId, p: [at(10)] })), 'FORBIDDEN');
    assert.equal((await h.call(driver, REPORT, { r: d.routeId, p: [at(10)] })).data.reportPositions.accepted, 1);
    // Assigned but not set out: the donor sees no driver yet; the driver and organizers do.
    assert.equal((await h.call(donor, POSITION, { d: d.deliveryId })).data.driverPosition, null);
    assert.ok((await h.call(driver, POSITION, { d: d.deliveryId })).data.driverPosition);
    assert.equal(
      signals.some((s) => s.subject === `live.position.${d.deliveryId}`),
      false,
      'no live position before it is out',
    );

    await d.start();
    await h.call(driver, REPORT, { r: d.routeId, p: [at(5)] });
    assert.equal((await h.call(donor, POSITION, { d: d.deliveryId })).data.driverPosition.fixTime, at(5).fixTime);
    assert.equal(code(await h.call(otherDonor, POSITION, { d: d.deliveryId })), 'NOT_FOUND');
    const route = await h.call(donor, `query($id: ID!) { delivery(id: $id) { route { id position { lat } } } }`, {
      id: d.deliveryId,
    });
    assert.equal(route.data.delivery.route, null, 'a donor does not see the route and its other stops');

    const done = await h.call(driver, CONFIRM, { id: d.deliveryId, pin: d.pin });
    assert.equal(done.data.confirmDelivery.status, 'DELIVERED');
    assert.equal((await h.call(donor, POSITION, { d: d.deliveryId })).data.driverPosition, null);
    assert.equal(code(await h.call(driver, REPORT, { r: d.routeId, p: [at(1)] })), 'CONFLICT', 'the route is done');
  });

  it('gives the family an expiring link that opens their delivery and nothing else', async () => {
    const d = await outForDelivery();
    const other = await outForDelivery();
    assert.equal(
      code(
        await h.call(donor, `mutation($d: ID!) { createTrackingLink(deliveryId: $d) { token } }`, { d: d.deliveryId }),
      ),
      'FORBIDDEN',
    );
    const made = await h.call(
      organizer,
      `mutation($d: ID!) { createTrackingLink(deliveryId: $d) { deliveryId token expiresAt } }`,
      { d: d.deliveryId },
    );
    const link = verifyTrackingLink(
      made.data.createTrackingLink.token,
      'test-internal-secret-0123456789abcdef0123456789',
    );
    assert.equal(link.deliveryId, d.deliveryId);
    const hours = (Date.parse(made.data.createTrackingLink.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 71 && hours <= 72, `expires in ${hours} h`);

    const family = trackingViewer(link);
    const mine = await h.call(
      family,
      `query($id: ID!) { delivery(id: $id) { id status recipient { region name phone } route { id } } }`,
      { id: d.deliveryId },
    );
    assert.deepEqual(mine.data.delivery, {
      id: d.deliveryId,
      status: 'ASSIGNED',
      recipient: { region: 'Anfa', name: null, phone: null },
      route: null,
    });
    assert.equal(
      code(await h.call(family, `query($id: ID!) { delivery(id: $id) { id } }`, { id: other.deliveryId })),
      'NOT_FOUND',
    );
    await d.start();
    await h.call(driver, REPORT, { r: d.routeId, p: [at(3)] });
    assert.ok((await h.call(family, POSITION, { d: d.deliveryId })).data.driverPosition);
  });

  it('takes the same reports, with the same rules, on the lean POST /positions route', async () => {
    const d = await outForDelivery();
    await d.start();
    const post = (who: typeof driver | null, body: unknown) =>
      fetch(h.subgraph.url.replace(/\/graphql$/, '/positions'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(who ? { [VIEWER_HEADER]: signViewerToken(who, 'test-internal-secret-0123456789abcdef0123456789') } : {}),
        },
        body: JSON.stringify(body),
      });
    const ok = await post(driver, {
      routeId: d.routeId,
      points: [at(40), at(20, 33.5702), { lat: 'x', lng: 1, fixTime: 'soon' }, at(20, 33.5702)],
    });
    assert.equal(ok.status, 200);
    const report = (await ok.json()) as any;
    assert.deepEqual(
      { accepted: report.accepted, late: report.late, dropped: report.dropped },
      {
        accepted: 2,
        late: 0,
        dropped: [
          { index: 2, reason: 'INVALID' },
          { index: 3, reason: 'DUPLICATE' },
        ],
      },
    );
    assert.equal(report.current.fixTime, at(20).fixTime);
    assert.equal((await h.call(organizer, POSITION, { d: d.deliveryId })).data.driverPosition.fixTime, at(20).fixTime);

    assert.equal((await post(null, { routeId: d.routeId, points: [at(10)] })).status, 401, 'only the gateway');
    assert.equal((await post(otherDriver, { routeId: d.routeId, points: [at(10)] })).status, 404);
    const bad = await post(driver, { points: [] });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).errors[0].extensions.code, 'BAD_USER_INPUT');
  });
});
