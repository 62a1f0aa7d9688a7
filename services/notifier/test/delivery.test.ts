import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import smpp from 'smpp';
import webpush from 'web-push';
import { startHarness } from './harness.js';
import { smppServer, smtpServer, webPushService } from '../src/testing/index.js';

const vapid = webpush.generateVAPIDKeys();
const SMPP_PASSWORD = 'pw123456';
let smtp: Awaited<ReturnType<typeof smtpServer>>;
let sms: Awaited<ReturnType<typeof smppServer>>;
let push: Awaited<ReturnType<typeof webPushService>>;
let h: Awaited<ReturnType<typeof startHarness>>;
// The first three submits meet a busy SMS centre (ESME_RTHROTTLED), then it recovers.
let throttle = 0;

before(async () => {
  smtp = await smtpServer();
  sms = await smppServer({
    password: SMPP_PASSWORD,
    answer: () => (throttle-- > 0 ? smpp.ESME_RTHROTTLED : smpp.ESME_ROK),
  });
  push = await webPushService();
  h = await startHarness(() => ({
    email: { url: smtp.url, from: 'Qurbani <no-reply@qurbani.test>', perSecond: 50 },
    sms: {
      kind: 'smpp',
      perSecond: 50,
      smpp: { url: sms.url, systemId: 'qurbani', password: SMPP_PASSWORD, sourceAddr: 'Qurbani' },
    },
    webPush: { subject: 'mailto:ops@qurbani.test', ...vapid, perSecond: 50 },
  }));
});

after(async () => {
  await h?.close();
  await Promise.all([smtp?.close(), sms?.close(), push?.close()]);
});

test('each recipient gets one message per channel they chose, in their own language, however often the event comes', async () => {
  const { subscription, clientHash } = await push.subscribe(vapid.publicKey);
  const arabic = await h.dispatch({
    kind: 'VIDEO_VALIDATED',
    language: 'ar',
    channels: ['IN_APP', 'EMAIL', 'SMS', 'PUSH'],
    contact: {
      email: 'amina@donor.test',
      phone: '+966500000001',
      pushDevices: [{ id: 'dev-1', kind: 'WEB', token: subscription }],
    },
    params: { videoId: 'v1', sacrificeId: 's1' },
  });
  const french = await h.dispatch({
    kind: 'ORDER_PLACED',
    language: 'fr',
    channels: ['SMS'],
    contact: { phone: '+212600000002', email: 'karim@donor.test' },
    params: { orderId: 'o1', shares: '7' },
  });
  // The same events again, as a republish after a lost ack would bring them.
  const { stream } = h;
  await stream.publish('notification.dispatch', arabic);
  await stream.publish('notification.dispatch', french);

  await eventually(
    async () => smtp.mails.length >= 1 && sms.messages.length >= 2 && (await push.messages(clientHash)).length >= 1,
    20_000,
  );
  await new Promise((r) => setTimeout(r, 800));

  assert.equal(smtp.mails.length, 1);
  const [mail] = smtp.mails;
  assert.equal(mail!.to, 'amina@donor.test');
  assert.equal(mail!.language, 'ar');
  assert.match(mail!.text, /تم التحقق من فيديو إثبات أضحيتك/);

  assert.deepEqual(sms.messages.map((m) => m.to).sort(), ['+212600000002', '+966500000001']);
  const ar = sms.messages.find((m) => m.to === '+966500000001')!;
  assert.match(ar.text, /تم التحقق من فيديو إثبات أضحيتك/);
  assert.equal(ar.dataCoding, 0x08, 'Arabic goes as UCS-2');
  const fr = sms.messages.find((m) => m.to === '+212600000002')!;
  assert.match(fr.text, /Votre commande de 7 parts est enregistrée/);

  const pushed = await push.messages(clientHash);
  assert.equal(pushed.length, 1);
  assert.match(pushed[0].body, /تم التحقق/);
  assert.equal(pushed[0].kind, 'VIDEO_VALIDATED');

  // Each send announced SENT once, and the SMS centre's receipts moved both SMS to DELIVERED.
  await eventually(async () => (await h.updates()).filter((u) => u.status === 'DELIVERED').length === 2, 10_000);
  const updates = await h.updates();
  const sent = updates
    .filter((u) => u.status === 'SENT')
    .map((u) => `${u.eventId}:${u.channel}`)
    .sort();
  assert.deepEqual(
    sent,
    [`${arabic.eventId}:EMAIL`, `${arabic.eventId}:PUSH`, `${arabic.eventId}:SMS`, `${french.eventId}:SMS`].sort(),
  );
  for (const u of updates) assert.doesNotMatch(JSON.stringify(u), /\+966|\+212|@donor\.test/);
});

test("a family's SMS carries its PIN and tracking link; the PIN is in no other message, no event and no row", async () => {
  const pin = '482913';
  const before = { mails: smtp.mails.length, sms: sms.messages.length };
  const family = await h.dispatch({
    kind: 'FAMILY_DELIVERY_CREATED',
    language: 'ur',
    recipient: { kind: 'FAMILY', id: '0193a000-0000-7000-8000-000000000001' },
    // A family is told by SMS only, whatever else is asked, and quiet hours do not hold its PIN back.
    channels: ['EMAIL', 'SMS'],
    quietHours: { timeZone: 'Asia/Karachi', window: '00:00-23:59' },
    contact: { phone: '+923001234567', email: 'family@nowhere.test', pin, trackingUrl: 'https://q.test/t/Ab12Cd34' },
    params: { deliveryId: 'd1' },
  });
  await eventually(async () => sms.messages.length === before.sms + 1, 15_000);
  const message = sms.messages.at(-1)!;
  assert.equal(message.to, '+923001234567');
  assert.ok(message.text.includes(pin) && message.text.includes('https://q.test/t/Ab12Cd34'));
  assert.match(message.text, /ڈرائیور کو یہ پن دیں/);
  assert.equal(smtp.mails.length, before.mails);
  for (const m of [...smtp.mails, ...sms.messages.slice(0, -1)]) assert.ok(!m.text.includes(pin));
  await eventually(async () => (await h.updates()).some((u) => u.eventId === family.eventId && u.status === 'SENT'));
  const events = JSON.stringify([...(await h.updates()), ...(await h.stream.published('notification.dispatch'))]);
  assert.ok(!events.includes(pin), 'the PIN travels sealed only');
  const rows = JSON.stringify(await h.rows('select * from send'));
  assert.ok(!rows.includes(pin));
  const [row] = await h.rows<{ sealed: string | null }>('select sealed from send where event_id = $1', [
    family.eventId,
  ]);
  assert.equal(row!.sealed, null, 'the sealed contact is erased once the SMS is sent');
});

test("quiet hours hold a donor message until they end in the donor's time zone", async () => {
  const d = await h.dispatch({
    kind: 'SHARE_ALLOCATED',
    language: 'bn',
    channels: ['EMAIL'],
    quietHours: { timeZone: 'Asia/Dhaka', window: '00:00-23:59' },
    contact: { email: 'rahim@donor.test' },
  });
  const [row] = await eventually(async () => {
    const rows = await h.rows<{ due_at: Date; state: string }>('select due_at, state from send where event_id = $1', [
      d.eventId,
    ]);
    return rows.length ? rows : undefined;
  });
  assert.equal(row!.state, 'PENDING');
  assert.ok(row!.due_at.getTime() > Date.now() + 60_000);
  assert.ok(!smtp.mails.some((m) => m.to === 'rahim@donor.test'));
});

test('an expired push subscription is announced UNREGISTERED for pruning and the message falls back to SMS', async () => {
  const { subscription, clientHash } = await push.subscribe(vapid.publicKey);
  await push.expire(clientHash);
  const d = await h.dispatch({
    kind: 'meat.delivered',
    language: 'ha',
    channels: ['PUSH'],
    contact: { phone: '+2348000000003', pushDevices: [{ id: 'dev-gone', kind: 'WEB', token: subscription }] },
    params: { deliveryId: 'd2' },
  });
  await eventually(async () => sms.messages.some((m) => m.to === '+2348000000003'), 15_000);
  const gone = await eventually(async () =>
    (await h.updates()).find((u) => u.eventId === d.eventId && u.channel === 'PUSH'),
  );
  assert.equal(gone.status, 'UNREGISTERED');
  assert.equal(gone.pushDeviceId, 'dev-gone');
  assert.match(sms.messages.find((m) => m.to === '+2348000000003')!.text, /An kai naman layyarka/);
});

test('an SMS centre that throttles, then recovers, ends with each SMS sent exactly once', async () => {
  throttle = 3;
  const before = sms.messages.length;
  const events = await Promise.all(
    ['+447700900001', '+447700900002', '+447700900003', '+447700900004'].map((phone) =>
      h.dispatch({ kind: 'ORDER_PAID', language: 'en', channels: ['SMS'], contact: { phone } }),
    ),
  );
  await eventually(async () => sms.messages.length >= before + 4, 20_000);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(sms.messages.length, before + 4);
  assert.ok(throttle <= 0, 'the centre was asked again after throttling');
  const rows = await h.rows<{ attempts: number }>('select attempts from send where event_id = any($1)', [
    events.map((e) => e.eventId),
  ]);
  assert.ok(rows.some((r) => r.attempts > 1));
});
