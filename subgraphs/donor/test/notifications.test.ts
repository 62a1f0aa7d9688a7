import { Subject, type EventPayloads } from '@qurbani/events';
import { openContact, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const PROFILE = `mutation($input: UpdateDonorProfileInput!) { updateDonorProfile(input: $input) { id email timeZone quietHours } }`;
const REGISTER = `mutation($kind: PushDeviceKind!, $token: String!) { registerPushDevice(kind: $kind, token: $token) { id kind } }`;
const FEED = `{ myNotifications { edges { node { id kind text deliveries { channel status detail } } } } }`;
const WEB_TOKEN = JSON.stringify({ endpoint: 'https://push.example/abc', keys: { p256dh: 'BPk', auth: 'x9' } });
type Dispatch = EventPayloads[typeof Subject.NotificationDispatch];

describe('notifications: feed, routing to the notifier, send log', () => {
  let h: Harness;
  const amina = viewerOf(Role.DONOR);
  const driver = viewerOf(Role.DRIVER);
  const organizer = viewerOf(Role.ORGANIZER);
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  const dispatches = async (): Promise<Dispatch[]> =>
    (
      await h.rows<{ payload: Dispatch }>(`select payload from outbox_message where subject = ? order by id`, [
        Subject.NotificationDispatch,
      ])
    ).map((r) => r.payload);

  const feedOf = async (viewer = amina) => (await h.ok(viewer, FEED)).myNotifications.edges.map((e: any) => e.node);

  it("writes the feed in the donor's language and hands the notifier one dispatch with the addresses sealed", async () => {
    await h.ok(amina, PROFILE, {
      input: {
        language: 'UR',
        phone: '+923001112222',
        email: 'Amina@Example.org',
        contactChannels: ['EMAIL', 'SMS', 'PUSH', 'IN_APP'],
        timeZone: 'Asia/Karachi',
        quietHours: '22:00-07:00',
      },
    });
    const device = (await h.ok(amina, REGISTER, { kind: 'WEB', token: WEB_TOKEN })).registerPushDevice;
    // The same subscription again is the same device.
    assert.equal((await h.ok(amina, REGISTER, { kind: 'WEB', token: WEB_TOKEN })).registerPushDevice.id, device.id);
    assert.equal(codeOf(await h.call(amina, REGISTER, { kind: 'WEB', token: 'not json' })), 'BAD_USER_INPUT');

    const eventId = await h.publish(Subject.NotificationSend, {
      recipientAccountId: amina.id,
      kind: 'SACRIFICE_PERFORMED',
      params: { sacrificeId: '0193a000-0000-7000-8000-0000000000aa' },
    });
    const [entry] = await eventually(async () => {
      const feed = await feedOf();
      return feed.length ? feed : undefined;
    });
    assert.equal(entry.text, 'آپ کی قربانی ہو گئی ہے۔ اس کی ثبوتی ویڈیو کی جانچ جاری ہے۔');
    assert.deepEqual(entry.deliveries.map((d: any) => [d.channel, d.status]).sort(), [
      ['EMAIL', 'QUEUED'],
      ['IN_APP', 'DELIVERED'],
      ['PUSH', 'QUEUED'],
      ['SMS', 'QUEUED'],
    ]);
    const [d] = await eventually(async () => {
      const all = await dispatches();
      return all.length ? all : undefined;
    });
    assert.equal(d!.eventId, eventId);
    assert.equal(d!.notificationId, entry.id);
    assert.equal(d!.language, 'ur');
    assert.deepEqual([...d!.channels].sort(), ['EMAIL', 'PUSH', 'SMS']);
    assert.deepEqual(d!.quietHours, { timeZone: 'Asia/Karachi', window: '22:00-07:00' });
    assert.doesNotMatch(JSON.stringify(d), /923001112222|example\.org|push\.example/);
    const contact = openContact(h.run.notifySealKey, d!.sealed);
    assert.equal(contact.phone, '+923001112222');
    assert.equal(contact.email, 'amina@example.org');
    assert.deepEqual(contact.pushDevices, [{ id: device.id, kind: 'WEB', token: WEB_TOKEN }]);
  });

  it("moves the send log with the notifier's news, never backwards, and prunes a dead push device", async () => {
    const [entry] = await feedOf();
    const [d] = await dispatches();
    const t0 = Date.now() + 1000;
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const update = (channel: string, status: string, at: string, extra = {}) =>
      h.publish(Subject.NotificationDeliveryUpdated, {
        eventId: d!.eventId,
        notificationId: entry.id,
        recipient: { kind: 'ACCOUNT', id: amina.id },
        channel: channel as never,
        status: status as never,
        at,
        ...extra,
      });
    await update('SMS', 'DELIVERED', at(2));
    await update('SMS', 'SENT', at(1));
    await update('EMAIL', 'DEAD', at(3), { detail: 'smtp 421' });
    await update('PUSH', 'UNREGISTERED', at(4), {
      pushDeviceId: d!.sealed && openContact(h.run.notifySealKey, d!.sealed).pushDevices![0]!.id,
    });
    await update('WHATSAPP', 'SENT', at(5));
    const expected = {
      EMAIL: 'DEAD',
      IN_APP: 'DELIVERED',
      PUSH: 'UNREGISTERED',
      SMS: 'DELIVERED',
      WHATSAPP: 'SENT',
    };
    const statusMap = async () => {
      const [now] = await feedOf();
      return Object.fromEntries(now.deliveries.map((x: any) => [x.channel, x.status]));
    };
    // The consumer handles several updates at once, so they land in any order: wait for all of them,
    // then check that the late SENT for SMS (published after DELIVERED) did not move it back.
    await eventually(async () => isDeepStrictEqual(await statusMap(), expected));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await statusMap(), expected);
    assert.deepEqual((await h.ok(amina, `{ myPushDevices { id } }`)).myPushDevices, []);
  });

  it('shows organizers what failed for good and lets them replay it, to no one else', async () => {
    const [entry] = await feedOf();
    const LIST = `{ undeliveredNotifications { totalCount edges { node { id kind deliveries { channel status } } } } }`;
    assert.equal(codeOf(await h.call(amina, LIST)), 'FORBIDDEN');
    const listed = (await h.ok(organizer, LIST)).undeliveredNotifications;
    assert.deepEqual(
      listed.edges.map((e: any) => e.node.id),
      [entry.id],
    );
    const REPLAY = `mutation($id: ID!) { replayNotification(id: $id) { id deliveries { channel status detail } } }`;
    assert.equal(codeOf(await h.call(amina, REPLAY, { id: entry.id })), 'FORBIDDEN');
    const replayed = (await h.ok(organizer, REPLAY, { id: entry.id })).replayNotification;
    assert.deepEqual(
      replayed.deliveries.find((x: any) => x.channel === 'EMAIL'),
      { channel: 'EMAIL', status: 'QUEUED', detail: 'replay 1' },
    );
    const again = await eventually(async () => (await dispatches()).find((x) => x.replay === 1));
    assert.equal(again.eventId, (await dispatches())[0]!.eventId, 'the same event id: what went out is not sent twice');
    assert.equal((await h.ok(organizer, LIST)).undeliveredNotifications.totalCount, 0);
  });

  it('an account without a donor profile gets the feed, and push once it registers a device', async () => {
    await h.publish(Subject.NotificationSend, {
      recipientAccountId: driver.id,
      kind: 'ROUTE_ASSIGNED',
      params: { stops: '3' },
    });
    const [first] = await eventually(async () => ((await feedOf(driver)).length ? feedOf(driver) : undefined));
    assert.equal(first.text, 'You have a new delivery route with 3 stops. Open the app to start.');
    assert.deepEqual(
      first.deliveries.map((x: any) => x.channel),
      ['IN_APP'],
    );
    const before = (await dispatches()).length;
    await h.ok(driver, REGISTER, { kind: 'FCM', token: 'fcm-registration-token-1' });
    await h.publish(Subject.NotificationSend, {
      recipientAccountId: driver.id,
      kind: 'ROUTE_ASSIGNED',
      params: { stops: '1' },
    });
    const d = await eventually(async () =>
      (await dispatches()).slice(before).find((x) => x.recipient.id === driver.id),
    );
    assert.deepEqual(d.channels, ['PUSH']);
    assert.equal(openContact(h.run.notifySealKey, d.sealed).pushDevices![0]!.token, 'fcm-registration-token-1');
  });
});
