// One sacrifice through every step of the day, as the people involved do it through the API: the
// donor registers and orders, the charity records the payment, allocation gives the share an animal,
// the organizer assigns an executor, who performs the sacrifice, films it and uploads the clip
// (tus), the verdict comes (a reviewer decides the flagged ones), the hide is recorded, a meat pack
// goes to a family, the driver reports positions on the way and hands it over with the PIN.
import {
  AssignSacrificeDocument,
  BuildRouteDocument,
  ConfirmDeliveryDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  OrderTrackingDocument,
  PlaceOrderDocument,
  RecordHideDocument,
  RecordPaymentDocument,
  RecordSacrificePerformedDocument,
  RegisterDocument,
  SignInDocument,
  ResumableVideoUpload,
  StartDeliveryDocument,
  StartProofVideoDocument,
  UpdateDonorProfileDocument,
  VideoUploadStateDocument,
} from '@qurbani/sdk';
import { randomUUID } from 'node:crypto';
import { Api, until } from './api.mjs';

const FINAL_VIDEO = ['VALIDATED', 'APPROVED'];
export const POSITION_REPORTS = 3;
const VAN = { lat: 24.86, lng: 67.03 };

/** `+<country><8 digits>` from a journey number: one phone per donor and per family. */
const phone = (prefix, n) => `+${prefix}${String(n).padStart(8, '0')}`;

/**
 * Runs journey `n`. `ctx`: gateways, world, clip ({bytes, sha256}), db (lookups for ambiguous
 * answers), record(step, ms), journeys (the ids it made are stored there for counting).
 */
export async function journey(n, ctx) {
  const { gateways, world, clip, db, record } = ctx;
  const ids = { n, donorPhone: phone('4478', n), familyPhone: phone('4479', n), fixes: [] };
  ctx.journeys.push(ids);
  const timed = async (step, fn) => {
    // Where an unfinished journey stopped, for the run's result.
    ids.step = step;
    const t0 = performance.now();
    const value = await fn();
    record(step, performance.now() - t0);
    return value;
  };
  const organizer = world.organizer;

  const donor = await timed('register', async () => {
    const login = `donor-${n}-${randomUUID().slice(0, 8)}@sim.qurbani`;
    const password = 'a long donor password';
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const anonymous = new Api(gateways, undefined, address);
    const r = await anonymous.call(
      RegisterDocument,
      { input: { login, password, displayName: `Donor ${n}` } },
      // A lost answer: the account may exist; signing in says so.
      {
        existing: () =>
          anonymous.call(SignInDocument, { login, password }).then((s) => s.signIn && { register: s.signIn }),
      },
    );
    if (!r.register) throw new Error(`register: ${r.errorCode} ${r.message}`);
    const { register } = r;
    const api = new Api(gateways, register, address);
    await api.call(UpdateDonorProfileDocument, { input: { phone: ids.donorPhone, contactChannels: ['SMS'] } });
    return Object.assign(api, { id: register.account.id });
  });
  ids.donorId = donor.id;

  ids.clientRequestId = randomUUID();
  // The donor subgraph learns the site's prices from an event: the first orders of the day may wait for it.
  const order = await timed('order', () =>
    until(
      'order placed',
      async () => {
        const r = await donor.call(PlaceOrderDocument, {
          input: {
            clientRequestId: ids.clientRequestId,
            siteId: world.siteId,
            species: 'SHEEP',
            // From the seed, not a random id: the stand-in model flags a video by a hash of its names, so
            // a seed always sends the same videos to review (the CI run's seed sends one of its 12).
            shares: [`Name ${n} s${ctx.seed}`],
          },
        });
        return !r.errorCode && r.placeOrder;
      },
      60_000,
      500,
    ),
  );
  ids.orderId = order.id;

  await timed('payment', async () => {
    const r = await organizer.call(
      RecordPaymentDocument,
      {
        input: {
          orderId: order.id,
          amountMinor: order.amountMinor,
          currency: order.currency,
          provider: 'bank-transfer',
          reference: `sim-${order.id}`,
        },
      },
      { existing: () => db.paymentOf(order.id) },
    );
    if (r.errorCode) throw new Error(`payment: ${r.message}`);
  });

  // Allocation runs for the whole season every few seconds (allocator.mjs): wait for this share.
  const sacrificeId = await timed('allocation', () =>
    until(
      'share allocated',
      async () => {
        const { order: o } = await donor.call(OrderTrackingDocument, { id: order.id });
        return o.sacrifices.edges[0]?.node.id;
      },
      600_000,
      250,
    ),
  );
  ids.sacrificeId = sacrificeId;
  // The donor opens the tracking screen when told of a step, as each message invites them to.
  const donorLooks = () => timed('donor looks', () => donor.call(OrderTrackingDocument, { id: order.id }));
  const executor = world.executors[n % world.executors.length];
  await timed('assignment', () =>
    until(
      'assigned',
      async () => {
        const r = await organizer.call(AssignSacrificeDocument, { sacrificeId, executorId: executor.id });
        return !r.errorCode || r.errorCode === 'CONFLICT';
      },
      120_000,
      500,
    ),
  );

  await timed('performed', async () => {
    const r = await executor.call(RecordSacrificePerformedDocument, { sacrificeId });
    if (r.errorCode && r.errorCode !== 'CONFLICT') throw new Error(`performed: ${r.errorCode} ${r.message}`);
  });
  await donorLooks();

  const videoId = await timed('upload', async () => {
    // The video subgraph learns of the assignment from an event; a retried request finds its attempt.
    const id = await until(
      'video attempt opened',
      async () => {
        const r = await executor.call(
          StartProofVideoDocument,
          { sacrificeId },
          { existing: () => db.videoOf(sacrificeId) },
        );
        if (r.requestVideoUpload) return r.requestVideoUpload.id;
        return r.errorCode === 'CONFLICT' ? db.videoOf(sacrificeId).then((v) => v?.requestVideoUpload.id) : undefined;
      },
      120_000,
      300,
    );
    await executor.fresh();
    await uploadClip(gateways, executor.token, id, clip);
    return id;
  });
  ids.videoId = videoId;

  const t0 = performance.now();
  let reviewed = false;
  await until(
    'video verdict',
    async () => {
      const { video } = await executor.call(VideoUploadStateDocument, { id: videoId });
      if (video.status === 'FLAGGED' && !reviewed) {
        reviewed = true;
        record('verdict', performance.now() - t0);
      }
      if (FINAL_VIDEO.includes(video.status)) {
        record(reviewed || video.status === 'APPROVED' ? 'review' : 'verdict', performance.now() - t0);
        return true;
      }
      if (video.status === 'FAILED' || video.status === 'REJECTED') throw new Error(`video ${video.status}`);
      return false;
    },
    900_000,
    250,
  );
  await donorLooks();

  // The skin subgraph learns of the performed sacrifice from an event: until then it answers "not
  // performed yet" (CONFLICT), and the executor's app tries again, as for "already has a hide" it stops.
  await timed('hide', () =>
    until(
      'hide recorded',
      async () => {
        const r = await executor.call(
          RecordHideDocument,
          { sacrificeId, collectedAt: new Date().toISOString(), weightKg: 4.5, store: 'Shed A' },
          { existing: () => db.hideOf(sacrificeId) },
        );
        if (r.errorCode === 'CONFLICT' && /not performed yet/.test(r.message)) return false;
        if (r.errorCode && r.errorCode !== 'CONFLICT') throw new Error(`hide: ${r.errorCode} ${r.message}`);
        return true;
      },
      120_000,
      500,
    ),
  );

  const packId = await timed('meat pack', () =>
    until(
      'pack cut',
      async () => {
        const r = await organizer.call(
          CreateMeatPacksDocument,
          { sacrificeId, weightsKg: [3.5] },
          { existing: () => db.packOf(sacrificeId) },
        );
        return r.createMeatPacks?.[0]?.id;
      },
      120_000,
      500,
    ),
  );
  ids.packId = packId;

  const driver = world.drivers[n % world.drivers.length];
  const { deliveryId, pin, routeId } = await timed('delivery plan', async () => {
    const { createRecipient } = await organizer.call(CreateRecipientDocument, {
      input: {
        name: `Family ${n}`,
        householdSize: 5,
        region: 'Lyari',
        priority: 1,
        phone: ids.familyPhone,
        address: `${n} Street, Karachi`,
        latitude: 24.87,
        longitude: 67.03,
      },
    });
    ids.recipientId = createRecipient.id;
    const r = await organizer.call(
      CreateDeliveryDocument,
      { packId, recipientId: createRecipient.id },
      { existing: () => db.deliveryOf(packId) },
    );
    const delivery = r.createDelivery;
    const route = await until(
      'route built',
      async () => {
        const b = await organizer.call(
          BuildRouteDocument,
          { deliveryIds: [delivery.delivery.id], driverId: driver.id },
          { existing: () => db.routeOf(delivery.delivery.id) },
        );
        return b.buildRoute?.id;
      },
      120_000,
      500,
    );
    return { deliveryId: delivery.delivery.id, pin: delivery.pin, routeId: route };
  });
  Object.assign(ids, { deliveryId, routeId });

  await timed('start delivery', async () => {
    const r = await driver.call(StartDeliveryDocument, { id: deliveryId });
    if (r.errorCode && r.errorCode !== 'CONFLICT') throw new Error(`start: ${r.errorCode} ${r.message}`);
  });
  // Fixes one sampling period (30 s) apart, so each is its own history sample: its "fix id".
  for (let i = 0; i < POSITION_REPORTS; i++) {
    const fixTime = new Date(Math.floor(Date.now() / 30_000) * 30_000 - (POSITION_REPORTS - i) * 30_000 + 1000);
    const point = {
      lat: Number((VAN.lat + i * 0.0003).toFixed(6)),
      lng: VAN.lng,
      fixTime: fixTime.toISOString(),
      accuracy: 8,
      speed: 5,
    };
    const report = await timed('position', () => driver.positions(routeId, [point]));
    if (report.accepted === 1) ids.fixes.push(fixTime.toISOString());
  }
  // The PIN comes from createDelivery; when that answer was lost, from the family's SMS.
  const pinToUse = pin ?? (await until('PIN by SMS', () => ctx.pinFor(ids.familyPhone), 120_000, 500));
  await timed('delivered', async () => {
    const r = await driver.call(ConfirmDeliveryDocument, { id: deliveryId, pin: pinToUse });
    if (r.errorCode && r.errorCode !== 'CONFLICT') throw new Error(`confirm: ${r.errorCode} ${r.message}`);
  });
  await donorLooks();
  ids.finishedAt = Date.now();
}

/** The tus upload of the clip, resumed at the server's offset after a cut. */
async function uploadClip(gateways, token, videoId, clip) {
  for (let attempt = 0; ; attempt++) {
    const origin = gateways[attempt % gateways.length];
    const upload = new ResumableVideoUpload({ origin, accessToken: token, videoId, contentType: 'video/mp4', ...clip });
    try {
      if (!clip.urls.has(videoId)) clip.urls.set(videoId, await upload.create());
      upload.url = clip.urls.get(videoId).replace(/^https?:\/\/[^/]+/, new URL(origin).origin);
      const offset = await upload.offset();
      if (offset === clip.size) return;
      const done = await upload.patch(offset, clip.bytes.subarray(offset));
      if (done.offset === clip.size) return;
    } catch (error) {
      // 409: this attempt's file is complete already (an earlier answer was lost).
      if (error.status === 409) return;
      if (attempt > 60) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
