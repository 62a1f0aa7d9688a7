import { eventually } from '@qurbani/kit/testing';
import {
  BuildRouteDocument,
  ConfirmDeliveryDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  CreateTrackingLinkDocument,
  QurbaniLive,
  ReportPositionsDocument,
  StartDeliveryDocument,
  StartProofVideoDocument,
  type ApiResult,
  type QurbaniClient,
} from '@qurbani/sdk';
import { CheckResult, VideoService } from '@qurbani/video';
import { parse } from 'graphql';
import { createStaff, performSacrifice, registerDonor, type Actor } from './season.js';
import { workAt } from './staff.js';
import type { System } from './system.js';
import { allocatedOrder, fix, trackingWorld } from './tracking.js';

/** Everyone the authorization tests ask as. */
export const WHO = [
  'donor',
  'otherDonor',
  'executor',
  'otherExecutor',
  'reviewer',
  'driver',
  'otherDriver',
  'organizer',
  'link',
  'anonymous',
] as const;
export type Who = (typeof WHO)[number];

/** A raw operation through the SDK client (these tests ask for fields no app operation selects). */
const ask = (client: QurbaniClient, query: string, variables: Record<string, unknown> = {}): Promise<ApiResult<any>> =>
  client.execute(parse(query) as never, variables as never);

/** The same over the live connection, as a family's tracking link (its only way in). */
export async function askAsLink(
  live: QurbaniLive,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<ApiResult<any>> {
  const iterator = live.iterate(parse(query) as never, variables as never);
  try {
    const first = await iterator.next();
    await iterator.return?.();
    const result = (first.value ?? {}) as { data?: unknown; errors?: ApiResult<unknown>['errors'] };
    return { data: result.data as any, errors: result.errors, status: 200 };
  } catch (error) {
    // graphql-ws rejects with the operation's errors when the gateway refuses it outright.
    if (Array.isArray(error)) return { data: null, errors: error, status: 200 };
    // Closed before an answer (e.g. 4403 in connection_init): the close code stands for the status.
    const closed = error as { code?: unknown; reason?: unknown };
    if (typeof closed?.code === 'number')
      return {
        data: null,
        errors: [{ message: `connection closed: ${String(closed.reason ?? '')}` }],
        status: closed.code,
      };
    throw error;
  }
}

/**
 * One season with everything each role may or may not reach: donor A's sheep (paid order, video
 * with a reviewer's decision, hide in a sold lot, two packs: one out for delivery with a tracking
 * link, one delivered, which notified A), and donor B's sheep out for delivery with another driver.
 */
export async function securityWorld(system: System) {
  const world = await trackingWorld(system);
  const { organizer, executor, driver } = world;
  const otherExecutor = await createStaff(system, organizer, 'EXECUTOR', 'Other executor');
  await workAt(system, organizer, world.siteId, otherExecutor.id, 'EXECUTOR');
  const reviewer = await createStaff(system, organizer, 'REVIEWER', 'Reviewer');
  const otherDriver = await createStaff(system, organizer, 'DRIVER', 'Other driver');
  await workAt(system, organizer, world.siteId, otherDriver.id, 'DRIVER');
  const donor = await registerDonor(system, 'Donor A');
  const otherDonor = await registerDonor(system, 'Donor B');

  const a = await allocatedOrder(system, world, donor);
  // B's sheep goes to the other executor, so "the executor" is A's only.
  const b = await allocatedOrder(system, { ...world, executor: otherExecutor }, otherDonor);
  // Meat and hides come only from performed sacrifices.
  await performSacrifice(system, executor, a.sacrificeId);
  await performSacrifice(system, otherExecutor, b.sacrificeId);
  const paid = await ask(
    organizer.client,
    `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payments { id } } }`,
    { i: { orderId: a.orderId, amountMinor: 25_000, currency: 'GBP', provider: 'cash', reference: `r-${a.orderId}` } },
  );
  const paymentId: string = paid.data.recordPayment.payments[0].id;

  // A proof video, flagged by the AI and rejected by the reviewer: a ReviewDecision exists.
  const videoId = (await eventually(() =>
    executor.client.execute(StartProofVideoDocument, { sacrificeId: a.sacrificeId }).then((r) => r.data ?? undefined),
  ))!.requestVideoUpload.id;
  const videos = new VideoService();
  await videos.recordUpload(system.subgraphs.video!.orm.em.fork(), videoId, { storageKey: `videos/${videoId}.mp4` });
  await videos.recordVerdict(system.subgraphs.video!.orm.em.fork(), videoId, {
    outcome: 'FLAGGED',
    sceneCheck: CheckResult.PASS,
    nameCheck: CheckResult.MANUAL_REVIEW,
    evidence: {},
  });
  const decided = await ask(
    reviewer.client,
    `mutation($v: ID!) { decideVideo(videoId: $v, decision: REJECT, reason: "Name not heard") { reviewDecisions { id } } }`,
    { v: videoId },
  );
  const reviewDecisionId: string = decided.data.decideVideo.reviewDecisions[0].id;

  // The hide, graded, in a lot sold to a tannery.
  const org = (q: string, v: Record<string, unknown>) =>
    ask(organizer.client, q, v).then((r) => {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    });
  const hideId: string = (await eventually(() =>
    ask(
      organizer.client,
      `mutation($s: ID!, $at: DateTimeISO!) { recordHide(sacrificeId: $s, collectedAt: $at, weightKg: 3) { id } }`,
      // Collected now: salted within its deadline below (a hide past it is spoiled, not salted).
      { s: a.sacrificeId, at: new Date().toISOString() },
    ).then((r) => r.data?.recordHide.id),
  ))!;
  await org(`mutation($id: ID!) { preserveHide(id: $id) { id } }`, { id: hideId });
  await org(`mutation($id: ID!) { gradeHide(id: $id, grade: A) { id } }`, { id: hideId });
  const lotId: string = (
    await org(`mutation($h: [ID!]!) { createLot(code: "LOT-${Date.now()}", hideIds: $h) { id } }`, { h: [hideId] })
  ).createLot.id;
  await org(`mutation($id: ID!) { closeLot(id: $id) { id } }`, { id: lotId });
  const buyerId: string = (
    await org(`mutation { createBuyer(input: { name: "Tannery", contact: "+922100000000" }) { id } }`, {})
  ).createBuyer.id;
  const saleId: string = (
    await org(
      `mutation($l: ID!, $b: ID!) { sellLot(lotId: $l, buyerId: $b, priceMinor: 5000, currency: "PKR") { id } }`,
      { l: lotId, b: buyerId },
    )
  ).sellLot.id;

  // Packs, families, deliveries, routes.
  const packsOf = (sacrificeId: string, weightsKg: number[]) =>
    eventually(() =>
      organizer.client
        .execute(CreateMeatPacksDocument, { sacrificeId, weightsKg })
        .then((r) => r.data?.createMeatPacks.map((p) => p.id)),
    );
  const family = async (name: string, region: string) =>
    (
      await organizer.client.request(CreateRecipientDocument, {
        input: {
          name,
          householdSize: 4,
          region,
          priority: 1,
          phone: '+923001234567',
          address: '1 Street, Karachi',
          latitude: 24.869,
          longitude: 67.03,
        },
      })
    ).createRecipient.id;
  const deliver = async (packId: string, recipientId: string) =>
    (await organizer.client.request(CreateDeliveryDocument, { packId, recipientId })).createDelivery;
  const [packA1, packA2] = (await packsOf(a.sacrificeId, [3, 3]))!;
  const [packB] = (await packsOf(b.sacrificeId, [3]))!;
  const recipientA1 = await family('Family One', 'Lyari');
  const recipientA2 = await family('Family Two', 'Lyari');
  const recipientB = await family('Family Three', 'Korangi');
  const deliveryA1 = await deliver(packA1!, recipientA1);
  const deliveryA2 = await deliver(packA2!, recipientA2);
  const deliveryB = await deliver(packB!, recipientB);
  const routeA = (
    await organizer.client.request(BuildRouteDocument, {
      deliveryIds: [deliveryA1.delivery.id, deliveryA2.delivery.id],
      driverId: driver.id,
    })
  ).buildRoute.id;
  const routeB = (
    await organizer.client.request(BuildRouteDocument, {
      deliveryIds: [deliveryB.delivery.id],
      driverId: otherDriver.id,
    })
  ).buildRoute.id;
  for (const id of [deliveryA1.delivery.id, deliveryA2.delivery.id])
    await driver.client.request(StartDeliveryDocument, { id });
  await otherDriver.client.request(StartDeliveryDocument, { id: deliveryB.delivery.id });
  await driver.client.request(ReportPositionsDocument, { routeId: routeA, points: [fix(20)] });
  await otherDriver.client.request(ReportPositionsDocument, { routeId: routeB, points: [fix(20)] });
  // The second pack arrives: donor A is told in their feed.
  await driver.client.request(ConfirmDeliveryDocument, { id: deliveryA2.delivery.id, pin: deliveryA2.pin });
  const notificationId: string = (await eventually(() =>
    ask(donor.client, `{ myNotifications { edges { node { id kind } } } }`).then(
      (r) => r.data?.myNotifications.edges.find((e: any) => e.node.kind === 'meat.delivered')?.node.id,
    ),
  ))!;

  const { createTrackingLink } = await organizer.client.request(CreateTrackingLinkDocument, {
    deliveryId: deliveryA1.delivery.id,
  });
  const link = new QurbaniLive({
    url: system.gateway.url,
    trackingToken: createTrackingLink.token,
    client: { lazyCloseTimeout: 0, retryAttempts: 0 },
  });
  const actors: Record<Exclude<Who, 'link' | 'anonymous'>, Actor> = {
    donor,
    otherDonor,
    executor,
    otherExecutor,
    reviewer,
    driver,
    otherDriver,
    organizer,
  };

  return {
    actors,
    link,
    linkToken: createTrackingLink.token,
    linkId: createTrackingLink.linkId,
    ids: {
      donorA: donor.id,
      donorB: otherDonor.id,
      executorAccount: executor.id,
      seasonId: world.seasonId,
      siteId: world.siteId,
      orderA: a.orderId,
      orderB: b.orderId,
      paymentA: paymentId,
      sacrificeA: a.sacrificeId,
      sacrificeB: b.sacrificeId,
      videoA: videoId,
      reviewDecisionA: reviewDecisionId,
      hideA: hideId,
      lotA: lotId,
      buyer: buyerId,
      saleA: saleId,
      packA1: packA1!,
      packA2: packA2!,
      packB: packB!,
      recipientA1,
      recipientA2,
      recipientB,
      deliveryA1: deliveryA1.delivery.id,
      deliveryA2: deliveryA2.delivery.id,
      deliveryB: deliveryB.delivery.id,
      routeA,
      routeB,
      notificationA: notificationId,
    },
    /** Runs `query` as `who`: HTTP with their access token, the live connection for the link. */
    as(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<ApiResult<any>> {
      if (who === 'link') return askAsLink(link, query, variables);
      if (who === 'anonymous') return ask(system.client(), query, variables);
      return ask(actors[who].client, query, variables);
    },
    close: () => link.dispose(),
  };
}

export type SecurityWorld = Awaited<ReturnType<typeof securityWorld>>;
