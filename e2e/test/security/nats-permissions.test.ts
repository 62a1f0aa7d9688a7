import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectNats, natsServerOptions, Subject, type EventPayloads, type NatsHandles } from '@qurbani/events';
import { startSecuredNats, type SecuredNats } from '@qurbani/events/testing';
import { dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import { startOrchestrator, type RunningOrchestrator } from '@qurbani/orchestrator';
import { startVideoWorker } from '@qurbani/video';
import {
  FollowDriverDocument,
  OrderTrackingDocument,
  RecordHideDocument,
  ReportPositionsDocument,
  StartProofVideoDocument,
} from '@qurbani/sdk';
import { connect, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { liveClient, record, settle, type Received } from '../support/live.js';
import { createStaff, performSacrifice, SEASON_1447 } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';
import { allocatedOrder, deliveryOnItsWay, fix, trackingWorld, type TrackingWorld } from '../support/tracking.js';

/** The server's refusal of a publish (or a request) to `subject`. */
const refused = (subject: string) => (error: Error) => {
  assert.equal(error.message, `Permissions Violation for Publish to "${subject}"`);
  return true;
};

describe('NATS with one user per service (deploy/nats/nats-server.conf)', () => {
  let server: SecuredNats;
  let system: System;
  let world: TrackingWorld;
  let admin: NatsHandles;
  let order: Awaited<ReturnType<typeof allocatedOrder>>;
  let van: Awaited<ReturnType<typeof deliveryOnItsWay>>;
  let positions: Received<unknown>;
  let orchestrator: RunningOrchestrator;
  const closers: (() => Promise<void>)[] = [];
  const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const orchestratorDb = `qurbani_orchestrator_${testRunId()}`;

  const messagesOn = async (subject: string) =>
    (await admin.jsm.streams.info(system.nats.streamName, { subjects_filter: subject })).state.subjects?.[subject] ?? 0;

  /** A core connection as `user` (what an attacker holding that service's password gets), with its refusals. */
  async function intruder(user: string): Promise<{ nc: NatsConnection; violations: PermissionViolationError[] }> {
    const nc = await connect({ ...natsServerOptions(server.urlFor(user)), maxReconnectAttempts: 0 });
    closers.push(() => nc.close());
    const violations: PermissionViolationError[] = [];
    void (async () => {
      for await (const s of nc.status())
        if (s.type === 'error' && s.error instanceof PermissionViolationError) violations.push(s.error);
    })();
    return { nc, violations };
  }

  before(async () => {
    server = await startSecuredNats();
    // The notifier too, as its own user; with no provider configured its sends end FAILED, which it reports.
    system = await startSystem({ securedNats: server, notifier: {} });
    admin = await connectNats(system.nats.url);
    // The two processes startSystem leaves out, each as its own user. No model service: the
    // orchestrator only has to follow the sacrifices here (its verdicts are tested in @qurbani/events).
    orchestrator = await startOrchestrator({
      port: 0,
      baseUrl,
      dbName: orchestratorDb,
      natsUrl: server.urlFor('orchestrator'),
      streamName: system.nats.streamName,
      modelUrl: 'http://127.0.0.1:9',
      modelToken: 'unused-model-service-token-0123456789abcdef',
      concurrency: 1,
      modelTimeoutMs: 1000,
      breakerFailures: 3,
      breakerHalfOpenAfterMs: 60_000,
      leaseMs: 30_000,
      retryMaxDelayMs: 60_000,
    });
    const videoDb = system.subgraphs.video!.orm.config.get('dbName')!;
    const worker = await startVideoWorker({
      port: 0,
      baseUrl,
      dbName: videoDb,
      internalSecret: system.secrets.internalSecret,
      natsUrl: server.urlFor('video-worker'),
      streamName: system.nats.streamName,
    });
    closers.push(() => worker.stop());
    world = await trackingWorld(system);
  });
  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await orchestrator?.close();
    await admin?.close();
    await system?.close();
    await server?.stop();
    await dropDatabases(baseUrl, [orchestratorDb]);
  });

  it("carries an order through every subgraph and a van's moves live to the donor, each service signed in as itself", async () => {
    // order.placed (donor -> sacrifice), sacrifice.allocated / assigned, sacrifice.status-changed (-> donor: ALLOCATED).
    order = await allocatedOrder(system, world);
    // sacrifice.assigned reached video (the executor may upload), sacrifice.allocated reached skin and delivery.
    await eventually(
      () =>
        world.executor.client
          .execute(StartProofVideoDocument, { sacrificeId: order.sacrificeId })
          .then((r) => !r.errors && r.data),
      20_000,
    );
    await performSacrifice(system, world.executor, order.sacrificeId);
    await eventually(
      () =>
        world.organizer.client
          .execute(RecordHideDocument, {
            sacrificeId: order.sacrificeId,
            collectedAt: SEASON_1447.insideWindow,
            weightKg: 22,
          })
          .then((r) => !r.errors && r.data),
      20_000,
    );
    van = await deliveryOnItsWay(world, order.sacrificeId);
    // The orchestrator took sacrifice.assigned and status-changed through its own durables.
    for (const durable of ['orchestrator-sacrifice-assigned', 'orchestrator-sacrifice-status']) {
      await eventually(async () => {
        const info = await admin.jsm.consumers.info(system.nats.streamName, durable);
        return info.delivered.consumer_seq > 0 && info.num_pending === 0 && info.num_ack_pending === 0;
      });
    }

    // notification.dispatch (delivery -> notifier: the family's SMS) and the notifier's report back
    // (notification.delivery-updated), the donor's dispatches and the feed (notification.send -> donor).
    for (const durable of ['notifier-dispatch', 'donor-notifier']) {
      await eventually(async () => {
        const info = await admin.jsm.consumers.info(system.nats.streamName, durable);
        return info.delivered.consumer_seq > 0 && info.num_pending === 0 && info.num_ack_pending === 0;
      }, 20_000);
    }
    await eventually(async () => (await messagesOn(Subject.NotificationDeliveryUpdated)) > 0, 20_000);

    // live.position.<deliveryId> (delivery -> gateway's live bus -> the donor's subscription).
    const client = liveClient(system.gateway.url, { accessToken: order.donor.token });
    closers.push(() => client.dispose());
    positions = record(client, FollowDriverDocument, { deliveryId: van.deliveryId });
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    await settle(200);
    const point = fix(30);
    await world.driver.client.request(ReportPositionsDocument, { routeId: van.routeId, points: [point] });
    const [moved] = (await positions.waitFor(1)) as { driverPosition: { fixTime: string } }[];
    assert.equal(moved!.driverPosition.fixTime, point.fixTime);
    // Live signals are fire-and-forget: only the server's log would show one refused on the way.
    assert.deepEqual(server.violations, [], 'the server refused no service anything');
  });

  it('refuses a connection without the password', async () => {
    await assert.rejects(connectNats(server.url, { maxReconnectAttempts: 0 }), /Authorization Violation/i);
  });

  it('a stolen gateway or donor password cannot verify a sacrifice, grant upload rights or move a van', async () => {
    const verdictsBefore = await messagesOn(Subject.VideoProcessedFinal);
    const assignmentsBefore = await messagesOn(Subject.SacrificeAssigned);
    const sacrificeStatus = async () =>
      (await order.donor.client.request(OrderTrackingDocument, { id: order.orderId })).order.sacrifices.edges[0]!.node
        .status;
    // Performed for its hide and meat: a forged verdict would move it to VERIFIED.
    assert.equal(await sacrificeStatus(), 'PERFORMED');

    // A forged VALIDATED verdict from the gateway's user.
    const gateway = await intruder('gateway');
    const verdict: EventPayloads[typeof Subject.VideoProcessedFinal] = {
      videoId: order.sacrificeId,
      sacrificeId: order.sacrificeId,
      outcome: 'VALIDATED',
      model: 'forged',
      analyzedAt: new Date().toISOString(),
      checks: {
        scene: { status: 'pass', model: 'x', version: '1', evidence: {} },
        names: { status: 'pass', model: 'x', version: '1', evidence: {} },
      },
    };
    gateway.nc.publish(Subject.VideoProcessedFinal, JSON.stringify(verdict));
    await eventually(async () => gateway.violations.some((v) => v.subject === Subject.VideoProcessedFinal));

    // Upload rights for an executor of the intruder's choosing, from the donor subgraph's user.
    const accomplice = await createStaff(system, world.organizer, 'EXECUTOR', 'Accomplice');
    const donor = await connectNats(server.urlFor('donor'), { maxReconnectAttempts: 0 });
    closers.push(() => donor.close());
    const assignment: EventPayloads[typeof Subject.SacrificeAssigned] = {
      sacrificeId: order.sacrificeId,
      executorId: accomplice.id,
      donorIds: [],
    };
    await assert.rejects(
      donor.js.publish(Subject.SacrificeAssigned, JSON.stringify(assignment)),
      refused(Subject.SacrificeAssigned),
    );

    // A fake van position for the family's delivery.
    const fake = await intruder('donor');
    fake.nc.publish(
      `live.position.${van.deliveryId}`,
      JSON.stringify({
        deliveryId: van.deliveryId,
        routeId: van.routeId,
        lat: 0,
        lng: 0,
        fixTime: new Date().toISOString(),
        accuracy: null,
        speed: null,
        eta: null,
      }),
    );
    await eventually(async () => fake.violations.some((v) => v.subject === `live.position.${van.deliveryId}`));

    await settle(500);
    assert.equal(await messagesOn(Subject.VideoProcessedFinal), verdictsBefore, 'no verdict reached the stream');
    assert.equal(await messagesOn(Subject.SacrificeAssigned), assignmentsBefore, 'no assignment reached the stream');
    assert.equal(await sacrificeStatus(), 'PERFORMED', 'the sacrifice was not verified');
    const upload = await accomplice.client.execute(StartProofVideoDocument, { sacrificeId: order.sacrificeId });
    assert.ok(upload.errors?.length && !upload.data?.requestVideoUpload, 'the accomplice got no upload rights');
    assert.equal(positions.events.length, 1, 'the donor saw no fake van');
    assert.deepEqual(server.violations, [
      'Publish Violation - User "gateway", Subject "video.processed-final"',
      'Publish Violation - User "donor", Subject "sacrifice.assigned"',
      `Publish Violation - User "donor", Subject "live.position.${van.deliveryId}"`,
    ]);
  });
});
