import type { MessageLanguage } from '@qurbani/events';
import { eventually } from '@qurbani/kit/testing';
import { smppServer, smtpServer, webPushService } from '@qurbani/notifier/testing';
import { render } from '@qurbani/messages';
import {
  ConfirmDeliveryDocument,
  MyNotificationsDocument,
  QurbaniLive,
  RegisterPushDeviceDocument,
  ReplayNotificationDocument,
  RevokeTrackingLinkDocument,
  UndeliveredNotificationsDocument,
  UpdateDonorProfileDocument,
} from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import webpush from 'web-push';
import { placeOrder, registerDonor, type Actor } from './support/season.js';
import { askAsLink } from './support/security-world.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

const vapid = webpush.generateVAPIDKeys();
const SMPP_PASSWORD = 'e2e-pw';

describe('messages that reach people: donor, executor, driver and family, through the gateway and the notifier', () => {
  let system: System;
  let world: TrackingWorld;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let sms: Awaited<ReturnType<typeof smppServer>>;
  let push: Awaited<ReturnType<typeof webPushService>>;
  let refuseMail = false;
  let amina: Actor;
  let sacrificeId: string;
  const PIN_FAMILY = '+923001234567';

  before(async () => {
    smtp = await smtpServer({ refuse: () => (refuseMail ? 451 : null) });
    sms = await smppServer({ password: SMPP_PASSWORD });
    push = await webPushService();
    system = await startSystem({
      notifier: {
        email: { url: smtp.url, from: 'Qurbani <no-reply@qurbani.test>', perSecond: 50 },
        sms: {
          kind: 'smpp',
          perSecond: 50,
          smpp: { url: sms.url, systemId: 'qurbani', password: SMPP_PASSWORD, sourceAddr: 'Qurbani' },
        },
        webPush: { subject: 'mailto:ops@qurbani.test', ...vapid, perSecond: 50 },
      },
    });
    world = await trackingWorld(system);
  });
  after(async () => {
    await system?.close();
    await Promise.all([smtp?.close(), sms?.close(), push?.close()]);
  });

  const feed = async (actor: Actor) =>
    (await actor.client.request(MyNotificationsDocument, { first: 50 })).myNotifications.edges.map((e) => e.node);

  it('a donor who chose e-mail, SMS and push in Arabic gets each news once per channel, and sees it delivered', async () => {
    amina = await registerDonor(system, 'Amina');
    await amina.client.request(UpdateDonorProfileDocument, {
      input: {
        language: 'AR',
        contactChannels: ['IN_APP', 'EMAIL', 'SMS', 'PUSH'],
        phone: '+966500000001',
        email: 'amina@donor.test',
      },
    });
    const { subscription, clientHash } = await push.subscribe(vapid.publicKey);
    await amina.client.request(RegisterPushDeviceDocument, { kind: 'WEB', token: subscription });
    ({ sacrificeId } = await allocatedOrder(system, world, amina));

    // Placed, paid (with the receipt link), then allocated: three news, each once per channel.
    await eventually(
      async () =>
        smtp.mails.filter((m) => m.to === 'amina@donor.test').length === 3 &&
        sms.messages.filter((m) => m.to === '+966500000001').length === 3 &&
        (await push.messages(clientHash)).length === 3,
      30_000,
      200,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const mails = smtp.mails.filter((m) => m.to === 'amina@donor.test');
    assert.equal(mails.length, 3);
    assert.ok(mails.every((m) => m.language === 'ar'));
    assert.ok(mails.some((m) => /تم استلام دفعتك لطلبك.*الإيصال: .*\/documents\/receipts\/.*\/ar\//s.test(m.text)));
    assert.ok(mails.some((m) => /تم تسجيل طلبك: حصة واحدة/.test(m.text)));
    assert.ok(mails.some((m) => /تم تخصيص حصتك لأضحية/.test(m.text)));
    assert.equal(sms.messages.filter((m) => m.to === '+966500000001').length, 3);
    assert.equal((await push.messages(clientHash)).length, 3);

    const placed = await eventually(
      async () => {
        const entry = (await feed(amina)).find((n) => n.kind === 'ORDER_PLACED');
        const status = Object.fromEntries(entry?.deliveries.map((d) => [d.channel, d.status]) ?? []);
        return status.SMS === 'DELIVERED' && status.EMAIL === 'SENT' && status.PUSH === 'SENT' && entry;
      },
      20_000,
      200,
    );
    assert.match(placed.text, /تم تسجيل طلبك/);

    // The executor was told of the assignment in their feed (no device, no other channel).
    const assigned = await eventually(async () =>
      (await feed(world.executor)).find((n) => n.kind === 'SACRIFICE_ASSIGNED'),
    );
    assert.equal(
      assigned.text,
      'You have a new sacrifice to perform (sheep). Open the app to see the names to pronounce.',
    );
  });

  it('the family gets its PIN and tracking link by SMS, in its language, when its delivery is made and when it sets out', async () => {
    const van = await deliveryOnItsWay(world, sacrificeId, true, { language: 'ur' });
    const family = await eventually(
      async () => {
        const got = sms.messages.filter((m) => m.to === PIN_FAMILY);
        return got.length === 2 && got;
      },
      30_000,
      200,
    );
    for (const m of family) {
      assert.ok(m.text.includes(van.pin), 'the PIN is in the family SMS');
      assert.match(m.text, /http:\/\/localhost:4000\/track\/[\w-]{22}/);
    }
    // The two may arrive in either order (independent sends).
    assert.ok(
      family.some((m) => /عید مبارک/.test(m.text)),
      'the delivery is announced in Urdu',
    );
    assert.ok(
      family.some((m) => /راستے میں ہے/.test(m.text)),
      'and the van setting out',
    );
    const elsewhere = [...smtp.mails, ...sms.messages.filter((m) => m.to !== PIN_FAMILY)];
    assert.ok(
      elsewhere.every((m) => !m.text.includes(van.pin)),
      'and in no other message',
    );

    // The link opens: the short code is exchanged for the tracking token of the same link record.
    const gateway = system.gateway.url.replace(/\/graphql$/, '');
    const code = /\/track\/([\w-]{22})/.exec(family[0]!.text)![1]!;
    const exchanged = (await (await fetch(`${gateway}/track/${code}`)).json()) as {
      deliveryId: string;
      trackingToken: string;
    };
    assert.equal(exchanged.deliveryId, van.deliveryId);
    const live = new QurbaniLive({
      url: system.gateway.url,
      trackingToken: exchanged.trackingToken,
      client: { lazyCloseTimeout: 0, retryAttempts: 0 },
    });
    const seen = await askAsLink(live, 'query($id: ID!) { delivery(id: $id) { id status } }', { id: van.deliveryId });
    await live.dispose();
    assert.equal(seen.data?.delivery.id, van.deliveryId, JSON.stringify(seen));
    assert.equal((await fetch(`${gateway}/track/${'A'.repeat(22)}`)).status, 404, 'a guessed code finds nothing');
    assert.equal((await fetch(`${gateway}/track/not-a-code`)).status, 404);
    await world.organizer.client.request(RevokeTrackingLinkDocument, { deliveryId: van.deliveryId });
    assert.equal((await fetch(`${gateway}/track/${code}`)).status, 410, 'a revoked link opens no more');

    const routed = await eventually(async () => (await feed(world.driver)).find((n) => n.kind === 'ROUTE_ASSIGNED'));
    assert.equal(routed.text, 'You have a new delivery route with 1 stop. Open the app to start.');
  });

  it('organizers see a message whose e-mail died after its retries, and replay it once the server is back: sent once', async () => {
    const omar = await registerDonor(system, 'Omar');
    await omar.client.request(UpdateDonorProfileDocument, {
      input: { language: 'FR', contactChannels: ['EMAIL'], email: 'omar@donor.test' },
    });
    refuseMail = true;
    await placeOrder(omar, 'SHEEP', ['Omar Farouk']);
    const dead = await eventually(
      async () => {
        const { undeliveredNotifications } = await world.organizer.client.request(UndeliveredNotificationsDocument, {
          first: 20,
        });
        return undeliveredNotifications.edges
          .map((e) => e.node)
          .find(
            (n) => n.kind === 'ORDER_PLACED' && n.deliveries.some((d) => d.channel === 'EMAIL' && d.status === 'DEAD'),
          );
      },
      30_000,
      200,
    );
    assert.equal(smtp.mails.filter((m) => m.to === 'omar@donor.test').length, 0);
    refuseMail = false;
    await world.organizer.client.request(ReplayNotificationDocument, { id: dead.id });
    await eventually(async () => smtp.mails.some((m) => m.to === 'omar@donor.test'), 20_000, 200);
    await eventually(
      async () => {
        const entry = (await feed(omar)).find((n) => n.id === dead.id);
        return entry?.deliveries.find((d) => d.channel === 'EMAIL')?.status === 'SENT';
      },
      20_000,
      200,
    );
    await new Promise((r) => setTimeout(r, 800));
    const mails = smtp.mails.filter((m) => m.to === 'omar@donor.test');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.text, /Votre commande de 1 part est enregistrée/);
  });

  it('a season day: each donor hears of each step once on each channel they chose (or its fallback), counted at the servers', async () => {
    // The demo sites' languages and every way of choosing; WhatsApp has no provider in this system, so
    // it fails over to SMS, and push without a device falls back the same way.
    const people = [
      { name: 'Hamza', language: 'UR', channels: ['SMS', 'EMAIL'], sms: true, mail: true },
      { name: 'Rahim', language: 'BN', channels: ['SMS'], sms: true, mail: false },
      { name: 'Aisha', language: 'HA', channels: ['EMAIL', 'PUSH'], sms: false, mail: true, push: true },
      { name: 'Yusuf', language: 'FR', channels: ['WHATSAPP'], sms: true, mail: false },
      { name: 'Khadija', language: 'AR', channels: ['IN_APP'], sms: false, mail: false },
      { name: 'Omar', language: 'EN', channels: ['PUSH'], sms: true, mail: false },
    ] as const;
    type Donor = (typeof people)[number] & {
      phone: string;
      email: string;
      clientHash: string | null;
      lang: MessageLanguage;
    };
    const donors: Donor[] = [];
    for (const [i, p] of people.entries()) {
      const actor = await registerDonor(system, p.name);
      const phone = `+2348000001${String(i).padStart(2, '0')}`;
      const email = `${p.name.toLowerCase()}@season.test`;
      await actor.client.request(UpdateDonorProfileDocument, {
        input: { language: p.language, contactChannels: [...p.channels], phone, email },
      });
      let clientHash: string | null = null;
      if ('push' in p) {
        const sub = await push.subscribe(vapid.publicKey);
        clientHash = sub.clientHash;
        await actor.client.request(RegisterPushDeviceDocument, { kind: 'WEB', token: sub.subscription });
      }
      const { sacrificeId: sid } = await allocatedOrder(system, world, actor);
      const van = await deliveryOnItsWay(world, sid, true, { language: 'ha' });
      await world.driver.client.request(ConfirmDeliveryDocument, { id: van.deliveryId, pin: van.pin });
      donors.push({ ...p, phone, email, clientHash, lang: p.language.toLowerCase() as MessageLanguage });
    }
    const kinds = [
      ['ORDER_PLACED', { shares: '1' }],
      ['SHARE_ALLOCATED', {}],
      ['meat.delivered', {}],
    ] as const;
    const count = async () => {
      const got: Record<string, number> = {};
      for (const d of donors)
        for (const [kind, params] of kinds) {
          const text = render(kind, d.lang, params).text;
          const smsText = render(kind, d.lang, params, { channel: 'SMS' }).text;
          got[`${d.name}:${kind}:SMS`] = sms.messages.filter((m) => m.to === d.phone && m.text === smsText).length;
          got[`${d.name}:${kind}:EMAIL`] = smtp.mails.filter((m) => m.to === d.email && m.text === text).length;
          got[`${d.name}:${kind}:PUSH`] = d.clientHash
            ? (await push.messages(d.clientHash)).filter((m) => m.body === text).length
            : 0;
        }
      return got;
    };
    const expected: Record<string, number> = {};
    for (const d of donors)
      for (const [kind] of kinds) {
        expected[`${d.name}:${kind}:SMS`] = d.sms ? 1 : 0;
        expected[`${d.name}:${kind}:EMAIL`] = d.mail ? 1 : 0;
        expected[`${d.name}:${kind}:PUSH`] = d.clientHash ? 1 : 0;
      }
    await eventually(async () => JSON.stringify(await count()) === JSON.stringify(expected), 60_000, 500).catch(
      async () => assert.deepEqual(await count(), expected),
    );
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await count(), expected, 'and nothing more after a while');
    // Each family got its two SMS (made, on its way), in Hausa, with its PIN.
    const familySms = sms.messages.filter((m) => m.to === PIN_FAMILY);
    assert.equal(familySms.length, 2 + 2 * people.length);
  });
});
