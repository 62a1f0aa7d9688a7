import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AssignByQuotaDocument,
  ConfirmDeliveryDocument,
  CreateTrackingLinkDocument,
  DeliveryUpdatedDocument,
  FollowDriverDocument,
  FollowDriverWithDeliveryDocument,
  NotificationAddedDocument,
  OrderUpdatedDocument,
  RecordSacrificePerformedDocument,
  ReportPositionsDocument,
  RoutePositionsDocument,
  SacrificeUpdatedDocument,
  sendPositions,
  SignOutDocument,
  type TypedDocumentNode,
} from '@qurbani/sdk';
import { parse } from 'graphql';
import jwt from 'jsonwebtoken';
import { connectRaw, liveClient, record, settle, startReplica } from './support/live.js';
import {
  addAnimals,
  allocateAll,
  payAllOrders,
  placeOrder,
  registerDonor,
  SEASON_1447,
  type Actor,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, VAN_START, type TrackingWorld } from './support/tracking.js';

const RecordPayment = parse(
  `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id paymentStatus } }`,
) as TypedDocumentNode<{ recordPayment: { id: string } }, { input: Record<string, unknown> }>;
const code = (error: unknown): string | undefined =>
  (error as { extensions?: { code?: string } })?.extensions?.code ??
  (Array.isArray(error) ? code(error[0]) : undefined);

describe('live tracking through the gateway (graphql-ws)', () => {
  let system: System;
  let a: Awaited<ReturnType<typeof startReplica>>;
  let b: Awaited<ReturnType<typeof startReplica>>;
  let world: TrackingWorld;
  const clients: { dispose(): Promise<void> }[] = [];
  const live = (...args: Parameters<typeof liveClient>) => {
    const client = liveClient(...args);
    clients.push(client);
    return client;
  };

  before(async () => {
    system = await startSystem();
    a = await startReplica(system);
    b = await startReplica(system);
    world = await trackingWorld(system);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose().catch(() => undefined)));
    await a?.close().catch(() => undefined);
    await b?.close().catch(() => undefined);
    await system?.close();
  });

  it('sends a donor each change of their order with fields of five subgraphs, and refuses another donor', async () => {
    const donor = await registerDonor(system, 'Amina');
    const other = await registerDonor(system, 'Other');
    // The order exists before allocation; subscribe, then let the season move it.
    const order = await placeOrder(donor, 'SHEEP', ['Amina Rahman']);
    // Paid before the subscription starts (only paid shares are allocated), so the first event is the allocation.
    await payAllOrders(world.organizer);
    const donorDb = system.subgraphs.donor!.orm.em.getConnection();
    await eventually(
      async () =>
        Number(
          (
            await donorDb.execute<{ n: string }[]>(
              'select count(*) as n from outbox_message where published_at is null',
            )
          )[0]?.n,
        ) === 0,
    );
    await settle(300);
    const mine = record(live(a.url, { accessToken: donor.token }), OrderUpdatedDocument, { orderId: order.id });
    const theirs = record(live(a.url, { accessToken: other.token }), OrderUpdatedDocument, { orderId: order.id });
    await theirs.ended();
    assert.equal(
      code(theirs.errors[0]),
      'NOT_FOUND',
      `another donor is refused as if the order did not exist: ${JSON.stringify(theirs.errors)}`,
    );
    await eventually(async () => a.live.stats.followedSubjects > 0);

    await addAnimals(world.organizer, world.siteId, 'SHEEP', 1);
    await allocateAll(system, world.organizer, world.seasonId, 1);
    const [allocated] = await mine.waitFor(1);
    assert.equal(allocated!.orderUpdated.status, 'ALLOCATED');
    const sacrifice = allocated!.orderUpdated.sacrifices.edges[0]!.node;
    assert.match(sacrifice.animal.tag, /^SHEEP-/, 'sacrifice subgraph');
    assert.equal(allocated!.orderUpdated.donor.account.displayName, 'Amina', 'identity subgraph');
    assert.ok(allocated!.orderUpdated.donor.language, 'donor subgraph');

    const animal = record(live(b.url, { accessToken: donor.token }), SacrificeUpdatedDocument, { id: sacrifice.id });
    await eventually(async () => b.live.stats.followedSubjects > 0);
    await settle(200);
    await world.organizer.client.request(AssignByQuotaDocument, {
      siteId: world.siteId,
      executorIds: [world.executor.id],
      quota: 10,
    });
    // An event is the sacrifice as it is when the event is resolved: wait for one before the next change.
    assert.equal((await animal.waitFor(1))[0]!.sacrificeUpdated.status, 'ASSIGNED');
    // Recorded at the server's time: the system's clock is set inside the window for the call.
    system.now.value = new Date(SEASON_1447.insideWindow);
    await world.executor.client.request(RecordSacrificePerformedDocument, { sacrificeId: sacrifice.id }).finally(() => {
      system.now.value = null;
    });
    const [, performed] = await mine.waitFor(2);
    const steps = await animal.waitFor(2);
    assert.deepEqual(
      steps.map((e) => e.sacrificeUpdated.status),
      ['ASSIGNED', 'PERFORMED'],
    );
    assert.equal(
      steps[1]!.sacrificeUpdated.executor?.displayName,
      'Bilal the butcher',
      'the executor, from the identity subgraph',
    );
    assert.equal(performed!.orderUpdated.status, 'SACRIFICED');
    assert.equal(performed!.orderUpdated.sacrifices.edges[0]!.node.performedAt, SEASON_1447.insideWindow);
    assert.deepEqual(performed!.orderUpdated.sacrifices.edges[0]!.node.meatPacks, [], 'delivery subgraph');
    assert.equal(performed!.orderUpdated.sacrifices.edges[0]!.node.video, null, 'video subgraph');

    await world.organizer.client.request(RecordPayment, {
      input: {
        orderId: order.id,
        amountMinor: 25_000,
        currency: 'GBP',
        provider: 'bank',
        reference: `ref-${order.id}`,
      },
    });
    const [, , paid] = await mine.waitFor(3);
    assert.equal(paid!.orderUpdated.paymentStatus, 'PAID');
    await settle();
    assert.deepEqual(
      mine.events.map((e) => e.orderUpdated.status),
      ['ALLOCATED', 'SACRIFICED', 'SACRIFICED'],
      'each change once, in order',
    );
    assert.deepEqual(mine.errors, []);
  });

  it('delivers an event caused through one replica to subscribers on both, exactly once each', async () => {
    const { donor, orderId } = await allocatedOrder(system, world);
    const onA = record(live(a.url, { accessToken: donor.token }), OrderUpdatedDocument, { orderId });
    const onB = record(live(b.url, { accessToken: donor.token }), OrderUpdatedDocument, { orderId });
    await eventually(async () => a.live.stats.followedSubjects > 0 && b.live.stats.followedSubjects > 0);
    await settle(200);
    // Caused through replica A's HTTP API.
    await a.client(world.organizer.token).request(RecordPayment, {
      input: { orderId, amountMinor: 25_000, currency: 'GBP', provider: 'bank', reference: `ref-${orderId}` },
    });
    await Promise.all([onA.waitFor(1), onB.waitFor(1)]);
    await settle(800);
    assert.equal(onA.events.length, 1);
    assert.equal(onB.events.length, 1);
    assert.equal(onB.events[0]!.orderUpdated.paymentStatus, 'PAID');
  });

  it('resolves one query per event for many subscribers who see the same thing, whatever their number', async () => {
    const { donor, orderId } = await allocatedOrder(system, world);
    const tabs = Array.from({ length: 5 }, () =>
      record(live(a.url, { accessToken: donor.token }), OrderUpdatedDocument, { orderId }),
    );
    const organizerView = record(live(a.url, { accessToken: world.organizer.token }), OrderUpdatedDocument, {
      orderId,
    });
    await eventually(async () => a.live.stats.followedSubjects > 0);
    await settle(300);
    const before = a.live.stats.followUps;
    await world.organizer.client.request(RecordPayment, {
      input: { orderId, amountMinor: 25_000, currency: 'GBP', provider: 'bank', reference: `ref-${orderId}` },
    });
    await Promise.all([...tabs, organizerView].map((t) => t.waitFor(1)));
    // The donor's five connections share one resolution; the organizer's scope gets its own.
    assert.equal(a.live.stats.followUps - before, 2);
  });

  describe('driver positions', () => {
    let donor: Actor;
    let delivery: Awaited<ReturnType<typeof deliveryOnItsWay>>;
    const t0 = Date.now();
    const at = (secondsAgo: number, northM = 0) => ({
      lat: Number((VAN_START.lat + northM / 111_000).toFixed(6)),
      lng: VAN_START.lng,
      fixTime: new Date(t0 - secondsAgo * 1000).toISOString(),
      accuracy: 8,
      speed: 6,
    });

    before(async () => {
      const allocated = await allocatedOrder(system, world);
      donor = allocated.donor;
      delivery = await deliveryOnItsWay(world, allocated.sacrificeId);
    });

    it('sends the donor only accepted positions that move forward: out of order, duplicated, future and impossible ones are handled', async () => {
      const positions = record(live(a.url, { accessToken: donor.token }), FollowDriverDocument, {
        deliveryId: delivery.deliveryId,
      });
      const detailed = record(live(b.url, { accessToken: donor.token }), FollowDriverWithDeliveryDocument, {
        deliveryId: delivery.deliveryId,
      });
      const organizerMap = record(live(b.url, { accessToken: world.organizer.token }), RoutePositionsDocument, {
        routeId: null,
      });
      const stranger = record(
        live(a.url, { accessToken: (await registerDonor(system, 'Stranger')).token }),
        FollowDriverDocument,
        { deliveryId: delivery.deliveryId },
      );
      await stranger.ended();
      assert.equal(code(stranger.errors[0]), 'NOT_FOUND');
      await eventually(async () => a.live.stats.followedSubjects > 0 && b.live.stats.followedSubjects > 1);
      await settle(200);

      const driver = world.driver.client;
      const first = await driver.request(ReportPositionsDocument, {
        routeId: delivery.routeId,
        points: [at(60, 100), at(120, 0), at(90, 50)],
      });
      assert.deepEqual(first.reportPositions, {
        accepted: 3,
        late: 0,
        dropped: [],
        current: { lat: at(60, 100).lat, lng: VAN_START.lng, fixTime: at(60).fixTime },
      });
      await positions.waitFor(1);

      const second = await driver.request(ReportPositionsDocument, {
        routeId: delivery.routeId,
        points: [at(60, 100), at(-600, 150), at(50, 40_000), at(150, -50), at(30, 200)],
      });
      assert.deepEqual(second.reportPositions.dropped, [
        { index: 0, reason: 'DUPLICATE' },
        { index: 1, reason: 'FUTURE' },
        { index: 2, reason: 'IMPOSSIBLE_JUMP' },
      ]);
      assert.equal(second.reportPositions.late, 1);
      await positions.waitFor(2);

      const lateOnly = await driver.request(ReportPositionsDocument, {
        routeId: delivery.routeId,
        points: [at(100, 60)],
      });
      assert.equal(lateOnly.reportPositions.late, 1);
      await detailed.waitFor(2);
      await settle(500);

      // One event per forward move; never a late, duplicated, future or impossible fix.
      assert.deepEqual(
        positions.events.map((e) => e.driverPosition.fixTime),
        [at(60).fixTime, at(30).fixTime],
      );
      const last = positions.events[1]!.driverPosition;
      assert.equal(last.deliveryId, delivery.deliveryId);
      assert.equal(last.lat, at(30, 200).lat);
      // ~0.8 km to the family at 25 km/h x 1.3.
      const etaSeconds = (Date.parse(last.eta!) - Date.parse(last.fixTime)) / 1000;
      assert.ok(etaSeconds > 100 && etaSeconds < 200, `ETA ${etaSeconds} s after the fix`);

      const rich = detailed.events[1]!.driverPosition;
      assert.equal(rich.delivery!.status, 'OUT_FOR_DELIVERY');
      assert.equal(rich.delivery!.recipient.region, 'Lyari');
      assert.match(rich.delivery!.packs[0]!.sacrifice.animal.tag, /^SHEEP-/);
      assert.deepEqual(
        organizerMap.events.map((e) => e.routePositions.fixTime),
        [at(60).fixTime, at(30).fixTime],
      );
      assert.ok(a.live.stats.fromSignal > 0, 'a position-only selection needs no query');
    });

    it("takes phones' reports on POST /positions of any replica, with the same rules and the same subscribers", async () => {
      const positions = record(live(a.url, { accessToken: donor.token }), FollowDriverDocument, {
        deliveryId: delivery.deliveryId,
      });
      await eventually(async () => a.live.stats.followedSubjects > 0);
      await settle(200);
      const report = await sendPositions(b.url, world.driver.token, delivery.routeId, [
        at(20, 250),
        at(20, 250),
        at(-3600, 260),
      ]);
      assert.equal(report.accepted, 1);
      assert.deepEqual(report.dropped, [
        { index: 1, reason: 'DUPLICATE' },
        { index: 2, reason: 'FUTURE' },
      ]);
      const [event] = await positions.waitFor(1);
      assert.equal(event!.driverPosition.fixTime, at(20).fixTime);
      await assert.rejects(
        sendPositions(b.url, donor.token, delivery.routeId, [at(15, 260)]),
        (e: any) => e.code === 'FORBIDDEN',
      );
      await assert.rejects(
        sendPositions(b.url, 'forged', delivery.routeId, [at(15, 260)]),
        (e: any) => e.status === 401,
      );
    });

    it('lets the family follow their delivery with the link, and nothing else', async () => {
      const { createTrackingLink } = await world.organizer.client.request(CreateTrackingLinkDocument, {
        deliveryId: delivery.deliveryId,
      });
      // The link is no access token: it cannot report the van's positions.
      await assert.rejects(
        sendPositions(b.url, createTrackingLink.token, delivery.routeId, [at(12, 300)]),
        (e: any) => e.status === 401,
      );
      const family = live(b.url, { trackingToken: createTrackingLink.token });
      const status = record(family, DeliveryUpdatedDocument, { id: delivery.deliveryId });
      const van = record(family, FollowDriverDocument, { deliveryId: delivery.deliveryId });
      const elsewhere = record(family, OrderUpdatedDocument, { orderId: delivery.deliveryId });
      await elsewhere.ended();
      assert.equal(code(elsewhere.errors[0]), 'FORBIDDEN');
      await eventually(async () => b.live.stats.followedSubjects > 2);
      await settle(200);

      await world.driver.client.request(ReportPositionsDocument, { routeId: delivery.routeId, points: [at(10, 300)] });
      const [seen] = await van.waitFor(1);
      assert.equal(seen!.driverPosition.fixTime, at(10).fixTime);

      const forged = await connectRaw(b.url, { trackingToken: `${createTrackingLink.token}x` });
      assert.equal(forged.closeCode, 4403, 'a forged link is refused in connection_init');

      await world.driver.client.request(ConfirmDeliveryDocument, { id: delivery.deliveryId, pin: delivery.pin });
      const [delivered] = await status.waitFor(1);
      assert.equal(delivered!.deliveryUpdated.status, 'DELIVERED');
      assert.equal(delivered!.deliveryUpdated.recipient.region, 'Lyari');
      await van.ended();
      assert.equal(van.completed, true, 'following the van ends with the delivery');
    });

    it('tells the donor their meat was delivered in their live notification feed', async () => {
      const feed = record(live(a.url, { accessToken: donor.token }), NotificationAddedDocument, {});
      await eventually(async () => a.live.stats.followedSubjects > 0);
      // The delivery above was confirmed; a second pack of the same donor now arrives.
      const again = await allocatedOrder(system, world, donor);
      const second = await deliveryOnItsWay(world, again.sacrificeId);
      await world.driver.client.request(ConfirmDeliveryDocument, { id: second.deliveryId, pin: second.pin });
      // The order's own news (placed, allocated) arrive on the same feed first.
      await eventually(async () => feed.events.some((e) => e.notificationAdded.kind === 'meat.delivered'), 20_000);
      assert.ok(
        feed.events.every((e) => e.notificationAdded.kind),
        JSON.stringify(feed.events),
      );
    });
  });

  it('refuses a bad token with 4403 in connection_init, and ends subscriptions of a signed-out or expired token', async () => {
    assert.equal((await connectRaw(a.url, { Authorization: 'Bearer not-a-token' })).closeCode, 4403);

    const { donor, orderId } = await allocatedOrder(system, world);
    const watched = record(live(a.url, { accessToken: donor.token }), OrderUpdatedDocument, { orderId });
    await eventually(async () => a.live.stats.followedSubjects > 0);
    await settle(300);
    await donor.client.request(SignOutDocument, { refreshToken: donor.refreshToken });
    await settle(300);
    await world.organizer.client.request(RecordPayment, {
      input: { orderId, amountMinor: 25_000, currency: 'GBP', provider: 'bank', reference: `ref-${orderId}` },
    });
    await watched.ended();
    assert.equal(code(watched.errors[0]), 'UNAUTHENTICATED');
    assert.equal(watched.events.length, 0, 'nothing reaches a signed-out session');

    // A token that expires in 2 s: its connection is closed (4403) when it does.
    const claims = jwt.decode(world.organizer.token) as jwt.JwtPayload;
    const shortLived = jwt.sign(
      { sub: claims.sub, roles: claims.roles, sid: claims.sid },
      system.secrets.accessTokenSecret,
      { algorithm: 'HS256', audience: 'qurbani-api', issuer: 'qurbani-identity', expiresIn: 2 },
    );
    const raw = await connectRaw(a.url, { Authorization: `Bearer ${shortLived}` });
    assert.equal(raw.ack, true);
    const closed = await new Promise<number>((resolve) => {
      raw.socket.onclose = (e) => resolve(e.code);
    });
    assert.equal(closed, 4403);
  });

  it('accepts the headers GraphiQL sends with each operation instead of in connection_init', async () => {
    const { donor, orderId } = await allocatedOrder(system, world);
    const graphiql = live(a.url, {});
    const events: unknown[] = [];
    graphiql.client.subscribe(
      {
        query: `subscription($o: ID!) { orderUpdated(orderId: $o) { id paymentStatus } }`,
        variables: { o: orderId },
        extensions: { headers: { Authorization: `Bearer ${donor.token}` } },
      },
      {
        next: (r) => {
          events.push(r);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await eventually(async () => a.live.stats.followedSubjects > 0);
    await settle(300);
    await world.organizer.client.request(RecordPayment, {
      input: { orderId, amountMinor: 25_000, currency: 'GBP', provider: 'bank', reference: `ref-${orderId}` },
    });
    await eventually(async () => events.length === 1);
    assert.deepEqual(events[0], { data: { orderUpdated: { id: orderId, paymentStatus: 'PAID' } } });
  });

  it("ends a stopped replica's subscriptions cleanly; clients reconnect to another replica and continue", async () => {
    const c = await startReplica(system);
    const { donor, orderId } = await allocatedOrder(system, world);
    const closes: number[] = [];
    let target = c.url;
    const client = live(
      () => target,
      { accessToken: donor.token },
      {
        on: {
          closed: (e) => {
            closes.push((e as { code: number }).code);
          },
        },
      },
    );
    const watched = record(client, OrderUpdatedDocument, { orderId });
    await eventually(async () => c.live.stats.followedSubjects > 0);

    target = b.url;
    await c.close();
    assert.deepEqual(closes, [1001], 'going away: a clean close the client retries');
    // graphql-ws re-subscribes on the new connection.
    await eventually(async () => b.live.stats.followedSubjects > 0 && watched.errors.length === 0, 10_000);
    await settle(500);
    await world.organizer.client.request(RecordPayment, {
      input: { orderId, amountMinor: 25_000, currency: 'GBP', provider: 'bank', reference: `ref-${orderId}` },
    });
    const [event] = await watched.waitFor(1);
    assert.equal(event!.orderUpdated.paymentStatus, 'PAID');
    assert.deepEqual(watched.errors, []);
    assert.equal(watched.completed, false);
  });
});
