// Every effect of the day counted by id, as NATS's own chaos tests count messages: for each kind,
// the ids the clients made (journeys) against what the services hold, the events in the stream and
// what the SMS provider received. Lost = an id with no effect; duplicated = an id with two or more.
import { Subject } from '@qurbani/events';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';

const tally = (values) => {
  const m = new Map();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
};

/** One kind: expected ids against how often each was seen. */
function kind(name, expected, seen) {
  const counts = tally(seen);
  const lost = expected.filter((id) => !counts.get(id));
  const duplicated = [...counts].filter(([id, n]) => n > 1 && expected.includes(id)).map(([id]) => id);
  return {
    kind: name,
    expected: expected.length,
    lost: lost.length,
    duplicated: duplicated.length,
    examples: [...lost, ...duplicated].slice(0, 3),
  };
}

/** Messages of one subject in the run's stream, with their payloads (an ordered consumer, read once). */
async function streamMessages(nats, streamName, subject) {
  const info = await nats.jsm.streams.info(streamName);
  if (!info.state.messages) return [];
  // Read whole and filtered here: nats-server 2.9 has no multi-filter consumers and the ordered
  // consumer does not narrow by `filter_subject`.
  const consumer = await nats.js.consumers.get(streamName, {
    deliver_policy: DeliverPolicy.All,
    ack_policy: AckPolicy.None,
  });
  const out = [];
  const messages = await consumer.consume({ max_messages: 500 });
  const idle = setTimeout(() => messages.stop(), 5000);
  for await (const m of messages) {
    idle.refresh();
    if (m.subject === subject) out.push({ seq: m.seq, payload: m.json() });
    if (m.info.pending === 0) break;
  }
  clearTimeout(idle);
  await messages.close?.();
  return out;
}

/**
 * Counts the effects of the journeys that finished. `sms`: the SMPP server's messages.
 */
export async function countEffects({ journeys, db, nats, platform, sms }) {
  const done = journeys.filter((j) => j.finishedAt);
  const ids = (key) => done.map((j) => j[key]);
  const { rows } = db;
  const orders = await rows(
    'donor',
    'select client_request_id, id, status from donor_order where client_request_id = any($1)',
    [ids('clientRequestId')],
  );
  const payments = await rows('donor', 'select order_id from payment where order_id = any($1)', [ids('orderId')]);
  const shares = await rows('sacrifice', 'select order_id from order_share where order_id = any($1)', [ids('orderId')]);
  const performed = await rows(
    'sacrifice',
    `select id from sacrifice where id = any($1) and status in ('PERFORMED', 'VERIFIED', 'COMPLETED')`,
    [ids('sacrificeId')],
  );
  const videos = await rows('video', 'select id, status from video where sacrifice_id = any($1)', [ids('sacrificeId')]);
  const decisions = await rows('video', 'select video_id from review_decision where video_id = any($1)', [
    ids('videoId'),
  ]);
  const hides = await rows('skin', 'select sacrifice_id from hide where sacrifice_id = any($1)', [ids('sacrificeId')]);
  const packs = await rows('delivery', 'select sacrifice_id from meat_pack where sacrifice_id = any($1)', [
    ids('sacrificeId'),
  ]);
  const deliveries = await rows(
    'delivery',
    `select pack_id from delivery where pack_id = any($1) and status = 'DELIVERED'`,
    [ids('packId')],
  );
  const samples = await rows('delivery', 'select route_id, fix_time from route_position where route_id = any($1)', [
    ids('routeId'),
  ]);
  const events = await streamMessages(
    nats,
    platform.streamName,
    `${platform.subjectPrefix}.${Subject.VideoProcessedFinal}`,
  );
  const notifications = await rows(
    'donor',
    'select recipient_account_id, event_id, kind from notification where recipient_account_id = any($1)',
    [ids('donorId')],
  );
  const sends = await rows(
    'notifier',
    `select recipient_id, channel, state, kind, event_id, attempts from send where channel = 'SMS'`,
  );

  const kinds = [
    kind(
      'order (per client request id)',
      ids('clientRequestId'),
      orders.map((o) => o.client_request_id),
    ),
    kind(
      'payment (per order)',
      ids('orderId'),
      payments.map((p) => p.order_id),
    ),
    kind(
      'share in the sacrifice subgraph (per order)',
      ids('orderId'),
      shares.map((s) => s.order_id),
    ),
    kind(
      'sacrifice performed',
      ids('sacrificeId'),
      performed.map((s) => s.id),
    ),
    kind('proof video (per sacrifice)', ids('sacrificeId'), []),
    kind('verdict event video.processed-final (per video)', ids('videoId'), [
      ...new Map(events.map((e) => [e.seq, e.payload.videoId])).values(),
    ]),
    kind(
      'hide (per sacrifice)',
      ids('sacrificeId'),
      hides.map((h) => h.sacrifice_id),
    ),
    kind(
      'meat pack (per sacrifice)',
      ids('sacrificeId'),
      packs.map((p) => p.sacrifice_id),
    ),
    kind(
      'delivery DELIVERED (per pack)',
      ids('packId'),
      deliveries.map((d) => d.pack_id),
    ),
    kind(
      'order DELIVERED in the donor subgraph (per order)',
      ids('orderId'),
      orders.filter((o) => o.status === 'DELIVERED').map((o) => o.id),
    ),
  ];
  // A sacrifice has one proof video here (no re-takes), each in a final state.
  const videoKind = kinds.find((k) => k.kind.startsWith('proof video'));
  Object.assign(
    videoKind,
    kind(
      'proof video VALIDATED/APPROVED (per sacrifice)',
      ids('videoId'),
      videos.filter((v) => ['VALIDATED', 'APPROVED'].includes(v.status)).map((v) => v.id),
    ),
  );
  const flagged = videos.filter((v) => v.status === 'APPROVED').map((v) => v.id);
  kinds.push(
    kind(
      'review decision (per flagged video)',
      flagged,
      decisions.map((d) => d.video_id),
    ),
  );
  // One history sample per fix the API accepted: its id is (route, fix time).
  const fixIds = done.flatMap((j) => j.fixes.map((f) => `${j.routeId} ${new Date(f).toISOString()}`));
  kinds.push(
    kind(
      'position sample (per accepted fix id)',
      fixIds,
      samples.map((s) => `${s.route_id} ${new Date(s.fix_time).toISOString()}`),
    ),
  );

  // Notifications: one per (event, recipient) in the donor's list, and one SMS per (event, recipient, channel).
  kinds.push(
    kind(
      'donor notification (per event and donor)',
      [...new Set(notifications.map((n) => `${n.event_id} ${n.recipient_account_id}`))],
      notifications.map((n) => `${n.event_id} ${n.recipient_account_id}`),
    ),
  );
  // Donors hear by SMS (their chosen channel); families get their PIN and news by SMS.
  const phoneOf = new Map(
    done.flatMap((j) => [
      [j.donorId, j.donorPhone],
      [j.recipientId, j.familyPhone],
    ]),
  );
  const mine = sends.filter((s) => phoneOf.has(s.recipient_id));
  const sendKey = (s) => `${s.event_id} ${s.recipient_id} ${s.channel}`;
  kinds.push(
    kind('SMS send record (per event, recipient, channel)', [...new Set(mine.map(sendKey))], mine.map(sendKey)),
  );
  // The provider side: per donor phone, the SMS received must equal the sends the notifier marked sent.
  // A send taken over after its lease ran out (attempts > 1) may have reached the provider before its
  // worker died: SMPP has no idempotency key, so that SMS can go twice (docs/graph-contract.md, "Exactly
  // once, precisely"). Such repeats are counted apart; any other extra SMS is a duplicate.
  const received = tally(sms.messages.map((m) => m.to));
  let smsLost = 0;
  let smsDuplicated = 0;
  let resentAfterCrash = 0;
  for (const [recipientId, phone] of phoneOf) {
    const own = mine.filter((s) => s.recipient_id === recipientId);
    const sent = own.filter((s) => ['SENT', 'DELIVERED'].includes(s.state)).length;
    const takenOver = own.filter((s) => s.attempts > 1).length;
    const got = received.get(phone) ?? 0;
    smsLost += Math.max(0, sent - got);
    const extra = Math.max(0, got - sent);
    resentAfterCrash += Math.min(extra, takenOver);
    smsDuplicated += Math.max(0, extra - takenOver);
  }
  const unfinishedSends = mine.filter((s) => !['SENT', 'DELIVERED'].includes(s.state)).length;
  kinds.push({
    kind: 'SMS at the provider (per donor or family: received vs sent)',
    expected: mine.length,
    lost: smsLost + unfinishedSends,
    duplicated: smsDuplicated,
    examples: [],
  });
  // Every finished journey's donor hears of the same kinds of news; one with fewer lost one upstream.
  const kindsPerDonor = new Map();
  for (const n of notifications)
    kindsPerDonor.set(n.recipient_account_id, (kindsPerDonor.get(n.recipient_account_id) ?? new Set()).add(n.kind));
  const common = ['ORDER_PLACED', 'ORDER_PAID', 'SHARE_ALLOCATED', 'SACRIFICE_PERFORMED', 'meat.delivered'];
  const allKinds = tally(notifications.map((n) => n.kind));
  const told = (j) => kindsPerDonor.get(j.donorId) ?? new Set();
  const missing = done.filter(
    (j) =>
      common.some((k) => allKinds.has(k) && !told(j).has(k)) ||
      !(told(j).has('VIDEO_VALIDATED') || told(j).has('VIDEO_APPROVED')),
  );
  kinds.push({
    kind: `donor told of ${common.filter((k) => allKinds.has(k)).join(', ')} and the video's verdict`,
    expected: done.length,
    lost: missing.length,
    duplicated: 0,
    examples: missing.slice(0, 3).map((j) => `${j.donorId}: ${[...told(j)].join(',')}`),
  });
  return {
    journeys: journeys.length,
    finished: done.length,
    kinds,
    resentAfterCrash,
    notificationKinds: Object.fromEntries(allKinds),
  };
}
