import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import { startHarness } from './harness.js';
import { fcmFake, LocalTwilioClient, twilioFake, whatsappFake } from '../src/testing/index.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH = 'twilio-auth-token-for-tests';
const CALLBACK = 'https://notify.example.org/receipts/twilio';
const WA_SECRET = 'whatsapp-app-secret-for-tests';
let tw: Awaited<ReturnType<typeof twilioFake>>;
let wa: Awaited<ReturnType<typeof whatsappFake>>;
let fcm: Awaited<ReturnType<typeof fcmFake>>;
let h: Awaited<ReturnType<typeof startHarness>>;

before(async () => {
  tw = await twilioFake(SID, AUTH, (i) => (i === 0 ? 429 : null));
  wa = await whatsappFake('1098765', 'wa-token', (to) => (to === '2348000000010' ? 131026 : null));
  fcm = await fcmFake('qurbani-test', (token) =>
    token === 'tok-quota' ? 'QUOTA_EXCEEDED' : token === 'tok-gone' ? 'UNREGISTERED' : null,
  );
  h = await startHarness(() => ({
    sms: {
      kind: 'twilio',
      perSecond: 20,
      twilio: {
        accountSid: SID,
        authToken: AUTH,
        from: '+15005550006',
        statusCallbackUrl: CALLBACK,
        httpClient: new LocalTwilioClient(tw.base) as never,
      },
    },
    whatsapp: {
      apiUrl: wa.base,
      phoneNumberId: '1098765',
      accessToken: 'wa-token',
      template: 'qurbani_update',
      appSecret: WA_SECRET,
      verifyToken: 'verify-me',
      perSecond: 20,
    },
    fcm: { projectId: 'qurbani-test', serviceAccount: fcm.serviceAccount, apiUrl: fcm.base, perSecond: 20 },
  }));
});

after(async () => {
  await h?.close();
  await Promise.all([tw?.close(), wa?.close(), fcm?.close()]);
});

const twilioCallback = (
  params: Record<string, string>,
  signature = twilio.getExpectedTwilioSignature(AUTH, CALLBACK, params),
) =>
  fetch(`${h.notifier.url}/receipts/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });

const whatsappHook = (body: unknown, secret = WA_SECRET) => {
  const raw = JSON.stringify(body);
  return fetch(`${h.notifier.url}/receipts/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    },
    body: raw,
  });
};

test('Twilio: the SDK sends once through a 429; a signed status callback marks it DELIVERED, a forged one is refused', async () => {
  const d = await h.dispatch({
    kind: 'RECEIPT_READY',
    language: 'en',
    channels: ['SMS'],
    contact: { phone: '+447700900100' },
  });
  await eventually(async () => tw.messages.length === 1, 15_000);
  const [message] = tw.messages;
  assert.equal(message!.to, '+447700900100');
  assert.equal(message!.body, 'Your receipt is ready. You can download it from your order.');
  assert.equal(message!.statusCallback, CALLBACK);

  const base = { AccountSid: SID, MessageSid: message!.sid, To: message!.to };
  const forged = await twilioCallback({ ...base, MessageStatus: 'delivered' }, 'bm90IGEgc2lnbmF0dXJl');
  assert.equal(forged.status, 403);
  assert.equal((await twilioCallback({ ...base, MessageStatus: 'sent' })).status, 204);
  assert.equal((await twilioCallback({ ...base, MessageStatus: 'delivered' })).status, 204);
  const delivered = await eventually(async () =>
    (await h.updates()).find((u) => u.eventId === d.eventId && u.status === 'DELIVERED'),
  );
  assert.equal(delivered.channel, 'SMS');
  assert.equal(tw.messages.length, 1);
});

test('WhatsApp: a template in the recipient\'s language; a number not on WhatsApp, or a signed "failed" status, falls back to SMS', async () => {
  const refused = await h.dispatch({
    kind: 'SACRIFICE_PERFORMED',
    language: 'ha',
    channels: ['WHATSAPP'],
    contact: { phone: '+2348000000010' },
  });
  const accepted = await h.dispatch({
    kind: 'SACRIFICE_PERFORMED',
    language: 'fr',
    channels: ['WHATSAPP'],
    contact: { phone: '+33600000011' },
  });
  await eventually(
    async () => wa.messages.some((m) => m.to === '33600000011') && tw.messages.some((m) => m.to === '+2348000000010'),
    15_000,
  );
  const ok = wa.messages.find((m) => m.to === '33600000011')!;
  assert.equal(ok.language, 'fr');
  assert.equal(ok.template, 'qurbani_update');
  assert.match(ok.text, /Votre sacrifice a été accompli/);
  assert.match(tw.messages.find((m) => m.to === '+2348000000010')!.body, /An yi layyarka/);

  const hook = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              statuses: [
                {
                  id: ok.id,
                  status: 'failed',
                  recipient_id: ok.to,
                  errors: [{ code: 131049, title: 'Not delivered' }],
                },
              ],
            },
          },
        ],
      },
    ],
  };
  assert.equal((await whatsappHook(hook, 'a-wrong-secret')).status, 403);
  assert.ok(!tw.messages.some((m) => m.to === '+33600000011'));
  assert.equal((await whatsappHook(hook)).status, 200);
  await eventually(async () => tw.messages.some((m) => m.to === '+33600000011'), 15_000);
  const verify = await fetch(
    `${h.notifier.url}/receipts/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`,
  );
  assert.equal(await verify.text(), '1158201444');

  const failed = (eventId: string) => async () =>
    (await h.updates()).some((u) => u.eventId === eventId && u.channel === 'WHATSAPP' && u.status === 'FAILED');
  await eventually(failed(refused.eventId));
  await eventually(failed(accepted.eventId));
  assert.equal(wa.messages.filter((m) => m.to === '33600000011').length, 1);
});

test('FCM: one push per device through a quota 429; an unregistered token is reported for pruning and the message falls back to WhatsApp', async () => {
  const devices = [
    { id: 'phone-a', kind: 'FCM' as const, token: 'tok-ok' },
    { id: 'phone-b', kind: 'FCM' as const, token: 'tok-quota' },
  ];
  await h.dispatch({
    kind: 'VIDEO_APPROVED',
    language: 'ur',
    channels: ['PUSH'],
    contact: { pushDevices: devices },
    params: { videoId: 'v9' },
  });
  const gone = await h.dispatch({
    kind: 'VIDEO_APPROVED',
    language: 'en',
    channels: ['PUSH'],
    contact: { phone: '+447700900200', pushDevices: [{ id: 'phone-c', kind: 'FCM', token: 'tok-gone' }] },
  });
  await eventually(async () => fcm.sent.length === 2 && wa.messages.some((m) => m.to === '447700900200'), 15_000);
  assert.deepEqual(fcm.sent.map((m) => m.token).sort(), ['tok-ok', 'tok-quota']);
  assert.match(fcm.sent[0].notification.body, /جائزہ کار نے/);
  assert.equal(fcm.sent[0].data.videoId, 'v9');
  const pruned = await eventually(async () =>
    (await h.updates()).find((u) => u.eventId === gone.eventId && u.channel === 'PUSH'),
  );
  assert.equal(pruned.status, 'UNREGISTERED');
  assert.equal(pruned.pushDeviceId, 'phone-c');
});
