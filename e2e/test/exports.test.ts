import { eventually } from '@qurbani/kit/testing';
import {
  CloseLotDocument,
  CreateBuyerDocument,
  CreateLotDocument,
  DecideVideoDocument,
  FailDeliveryDocument,
  GradeHideDocument,
  openExport,
  PreserveHideDocument,
  QurbaniApiError,
  RecordHideDocument,
  SellLotDocument,
  StartProofVideoDocument,
  type ExportName,
} from '@qurbani/sdk';
import { CheckResult, VideoService } from '@qurbani/video';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaff, placeOrder, registerDonor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

/** What no export may carry: the family's and the tannery's contacts, the PIN, the names offered for. */
const PERSONAL = [/\+92\d+/, /Family Qureshi/, /5 Street/, /Amina Rahman/, /Idris Export/, /tannery@/];

describe('organizers export orders, deliveries, review decisions and hide sales as streamed CSV', () => {
  let system: System;
  let world: TrackingWorld;
  const ids: Record<string, string> = {};

  const csv = async (name: ExportName, filter: { seasonId?: string } = {}) => {
    const stream = await openExport(system.gateway.url, world.organizer.token, name, filter);
    const [header, ...rows] = (await new Response(stream).text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    return { header: header!.split(','), rows: rows.map((r) => r.split(',')), text: rows.join('\n') };
  };

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    const order = await allocatedOrder(system, world);
    ids.order = order.orderId;
    // A delivery that fails at the door (performs the sacrifice first).
    const van = await deliveryOnItsWay(world, order.sacrificeId);
    ids.delivery = van.deliveryId;
    await world.driver.client.request(FailDeliveryDocument, { id: van.deliveryId, reason: 'Gate locked' });
    // A flagged proof video, approved by a reviewer.
    const videoId = (await eventually(() =>
      world.executor.client
        .execute(StartProofVideoDocument, { sacrificeId: order.sacrificeId })
        .then((r) => r.data ?? undefined),
    ))!.requestVideoUpload.id;
    const videos = new VideoService();
    const em = () => system.subgraphs.video!.orm.em.fork();
    await videos.recordUpload(em(), videoId, { storageKey: `videos/${videoId}.mp4` });
    await videos.recordVerdict(em(), videoId, {
      outcome: 'FLAGGED',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.MANUAL_REVIEW,
      evidence: {},
    });
    const reviewer = await createStaff(system, world.organizer, 'REVIEWER', 'Export reviewer');
    await reviewer.client.request(DecideVideoDocument, { videoId, decision: 'REJECT', reason: 'Knife not shown' });
    ids.video = videoId;
    ids.reviewer = reviewer.id;
    // A hide, salted, in a closed lot, sold.
    const { recordHide } = await world.executor.client.request(RecordHideDocument, {
      sacrificeId: order.sacrificeId,
      collectedAt: new Date().toISOString(),
      weightKg: 4.5,
    });
    await world.driver.client.request(PreserveHideDocument, { id: recordHide.id });
    await world.organizer.client.request(GradeHideDocument, { id: recordHide.id, grade: 'A' });
    const { createLot } = await world.organizer.client.request(CreateLotDocument, {
      code: `EXP-${Date.now()}`,
      hideIds: [recordHide.id],
    });
    await world.organizer.client.request(CloseLotDocument, { id: createLot.id });
    const { createBuyer } = await world.organizer.client.request(CreateBuyerDocument, {
      input: { name: 'Karachi Leather', contact: 'tannery@example.org +922100000001' },
    });
    const { sellLot } = await world.organizer.client.request(SellLotDocument, {
      lotId: createLot.id,
      buyerId: createBuyer.id,
      priceMinor: 12_000,
      feesMinor: 500,
      currency: 'PKR',
    });
    ids.sale = sellLot.id;
    ids.lot = createLot.id;
  });
  after(() => system?.close());

  it("orders: money and statuses of the season's orders, no names", async () => {
    const other = await registerDonor(system, 'Idris Export');
    await placeOrder(other, 'SHEEP', ['Idris Export']);
    const { header, rows, text } = await csv('orders.csv', { seasonId: world.seasonId });
    assert.deepEqual(header.slice(0, 4), ['id', 'season_id', 'site_id', 'donor_id']);
    const mine = rows.find((r) => r[0] === ids.order);
    assert.ok(mine, 'the allocated order is listed');
    const at = (col: string) => mine![header.indexOf(col)];
    assert.equal(at('season_id'), world.seasonId);
    assert.equal(at('payment_status'), 'PAID');
    assert.ok(['ALLOCATED', 'SACRIFICED'].includes(at('status')!), at('status'));
    assert.ok(Number(at('amount_minor')) > 0);
    assert.ok(rows.every((r) => r[1] === world.seasonId));
    assert.equal(new Set(rows.map((r) => r[0])).size, rows.length, 'each order once');
    for (const p of PERSONAL) assert.doesNotMatch(text, p);
  });

  it('deliveries: status, route, driver and outcome; never the family', async () => {
    const { header, rows, text } = await csv('deliveries.csv');
    const row = rows.find((r) => r[0] === ids.delivery)!;
    const at = (col: string) => row[header.indexOf(col)];
    assert.equal(at('status'), 'FAILED');
    assert.equal(at('failure_reason'), 'Gate locked');
    assert.equal(at('driver_id'), world.driver.id);
    assert.equal(at('proof_photo'), 'no');
    for (const p of PERSONAL) assert.doesNotMatch(text, p);
    assert.ok(!header.some((h) => /pin|phone|address|name/.test(h)), header.join());
  });

  it('review decisions: who decided what on which video and sacrifice', async () => {
    const { header, rows } = await csv('review-decisions.csv');
    const row = rows.find((r) => r[header.indexOf('video_id')] === ids.video)!;
    assert.ok(row, 'the decision is listed');
    assert.equal(row[header.indexOf('reviewer_id')], ids.reviewer);
    assert.equal(row[header.indexOf('decision')], 'REJECT');
    assert.equal(row[header.indexOf('reason')], 'Knife not shown');
  });

  it('hide sales: the ledger with the lot, its hides and the money; the tannery by name only', async () => {
    const { header, rows, text } = await csv('hide-sales.csv');
    const row = rows.find((r) => r[0] === ids.sale)!;
    const at = (col: string) => row[header.indexOf(col)];
    assert.deepEqual(
      [
        at('lot_id'),
        at('hides'),
        at('buyer'),
        at('price_minor'),
        at('fees_minor'),
        at('proceeds_minor'),
        at('currency'),
      ],
      [ids.lot, '1', 'Karachi Leather', '12000', '500', '11500', 'PKR'],
    );
    for (const p of PERSONAL) assert.doesNotMatch(text, p);
  });

  it('refuses other roles, strangers, a season filter an export cannot apply, and unknown files', async () => {
    for (const name of ['orders.csv', 'deliveries.csv', 'review-decisions.csv', 'hide-sales.csv'] as const) {
      for (const actor of [world.driver, world.executor]) {
        const refused = await openExport(system.gateway.url, actor.token, name).catch((e: QurbaniApiError) => e);
        assert.ok(refused instanceof QurbaniApiError && refused.status === 403 && refused.code === 'FORBIDDEN', name);
      }
      assert.equal((await fetch(new URL(`/exports/${name}`, system.gateway.url))).status, 401);
    }
    const unfiltered = await openExport(system.gateway.url, world.organizer.token, 'deliveries.csv', {
      seasonId: world.seasonId,
    }).catch((e: QurbaniApiError) => e);
    assert.ok(unfiltered instanceof QurbaniApiError && unfiltered.status === 400);
    assert.equal(unfiltered.code, 'BAD_USER_INPUT');
    assert.match(unfiltered.message, /cannot be filtered by season/);
    const unknown = await fetch(new URL('/exports/toString', system.gateway.url), {
      headers: { authorization: `Bearer ${world.organizer.token}` },
    });
    assert.equal(unknown.status, 404);
  });
});
