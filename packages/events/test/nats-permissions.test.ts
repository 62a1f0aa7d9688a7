import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AckPolicy } from '@nats-io/jetstream';
import { connect, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import {
  connectNats,
  enqueue,
  ensureStream,
  natsServerOptions,
  OutboxMessage,
  startConsumer,
  startOutboxRelay,
  STREAM_SUBJECTS,
  Subject,
  type EventPayloads,
  type NatsHandles,
} from '../src/index.js';
import { startSecuredNats, type SecuredNats } from '../src/testing/secured-nats.js';
import { createTestOrm, eventually, quietLogger } from './helpers.js';

// The committed deploy/nats/nats-server.conf, on a private server: stream QURBANI, no subject prefix.
const STREAM = 'QURBANI';
let server: SecuredNats;
let admin: NatsHandles;
const open: { close(): Promise<void> }[] = [];

before(async () => {
  server = await startSecuredNats();
  admin = await connectNats(server.urlFor('admin'));
  await ensureStream(admin.jsm, { name: STREAM, subjects: STREAM_SUBJECTS });
});

after(async () => {
  for (const c of open.reverse()) await c.close().catch(() => undefined);
  await admin?.close();
  await server?.stop();
});

/** A service's JetStream connection, closed after the file. */
async function as(user: string): Promise<NatsHandles> {
  const nats = await connectNats(server.urlFor(user));
  open.push(nats);
  return nats;
}

/** A plain core connection (what the gateway's live bus opens), with the errors the server reports. */
async function coreAs(user: string): Promise<{ nc: NatsConnection; violations: PermissionViolationError[] }> {
  const nc = await connect({ ...natsServerOptions(server.urlFor(user)), maxReconnectAttempts: 0 });
  open.push({ close: () => nc.close() });
  const violations: PermissionViolationError[] = [];
  void (async () => {
    for await (const s of nc.status())
      if (s.type === 'error' && s.error instanceof PermissionViolationError) violations.push(s.error);
  })();
  return { nc, violations };
}

/** The server's refusal of a publish (or a request) to `subject`. */
const refused = (subject: string) => (error: Error) => {
  assert.equal(error.message, `Permissions Violation for Publish to "${subject}"`);
  return true;
};

const messagesOn = async (subject: string) =>
  (await admin.jsm.streams.info(STREAM, { subjects_filter: subject })).state.subjects?.[subject] ?? 0;

const verdict: EventPayloads[typeof Subject.VideoProcessedFinal] = {
  videoId: 'v1',
  sacrificeId: 's1',
  outcome: 'VALIDATED',
  model: 'forged 1.0',
  analyzedAt: new Date(0).toISOString(),
  checks: {
    scene: { status: 'pass', model: 'forged', version: '1', evidence: {} },
    names: { status: 'pass', model: 'forged', version: '1', evidence: {} },
  },
};

test('a client without a password, or with a wrong one, is refused by the server', async () => {
  await assert.rejects(connectNats(server.url, { maxReconnectAttempts: 0 }), /Authorization Violation/i);
  const wrong = server.urlFor('orchestrator').replace(/:p[0-9a-f]+@/, ':pnotthepassword@');
  await assert.rejects(connectNats(wrong, { maxReconnectAttempts: 0 }), /Authorization Violation/i);
  assert.equal(await messagesOn(Subject.VideoProcessedFinal), 0);
});

test('only the orchestrator can publish a proof verdict: the donor and the gateway get a permissions violation', async () => {
  const donor = await as('donor');
  await assert.rejects(
    donor.js.publish(Subject.VideoProcessedFinal, JSON.stringify(verdict)),
    refused('video.processed-final'),
  );

  const gateway = await coreAs('gateway');
  gateway.nc.publish(Subject.VideoProcessedFinal, JSON.stringify(verdict));
  await gateway.nc.flush();
  await eventually(async () =>
    gateway.violations.some((v) => v.operation === 'publish' && v.subject === Subject.VideoProcessedFinal),
  );
  assert.equal(await messagesOn(Subject.VideoProcessedFinal), 0, 'no forged verdict reached the stream');

  const orchestrator = await as('orchestrator');
  const ack = await orchestrator.js.publish(Subject.VideoProcessedFinal, JSON.stringify(verdict), {
    msgID: 'real-verdict',
  });
  assert.equal(ack.stream, STREAM);
  assert.equal(await messagesOn(Subject.VideoProcessedFinal), 1);
});

test('only delivery can move a van on the live map; other services publishing positions are refused', async () => {
  const gateway = await coreAs('gateway');
  const seen: string[] = [];
  gateway.nc.subscribe('live.position.*', { callback: (_e, m) => void seen.push(m.string()) });
  await gateway.nc.flush();

  for (const user of ['donor', 'sacrifice', 'video', 'video-worker', 'skin', 'orchestrator', 'gateway']) {
    const intruder = await coreAs(user);
    intruder.nc.publish('live.position.d1', JSON.stringify({ fake: user }));
    await intruder.nc.flush();
    await eventually(async () => intruder.violations.some((v) => v.subject === 'live.position.d1'), 2000);
  }
  const delivery = await coreAs('delivery');
  delivery.nc.publish('live.position.d1', JSON.stringify({ real: true }));
  await delivery.nc.flush();
  await eventually(async () => seen.length > 0);
  await sleep(200); // anything forged would have arrived by now
  assert.deepEqual(seen, [JSON.stringify({ real: true })]);
  assert.deepEqual(delivery.violations, []);
});

test("a service can neither read another service's events nor change the stream", async () => {
  const sacrifice = await as('sacrifice');
  // Its own durable name with a subject it was not given (notification.send carries account ids).
  await assert.rejects(
    sacrifice.jsm.consumers.add(STREAM, {
      durable_name: 'sacrifice-order-placed',
      filter_subject: Subject.NotificationSend,
      ack_policy: AckPolicy.Explicit,
    }),
    refused('$JS.API.CONSUMER.CREATE.QURBANI.sacrifice-order-placed.notification.send'),
  );
  await assert.rejects(
    sacrifice.jsm.consumers.add(STREAM, {
      durable_name: 'spy',
      filter_subject: Subject.NotificationSend,
      ack_policy: AckPolicy.Explicit,
    }),
    refused('$JS.API.CONSUMER.CREATE.QURBANI.spy.notification.send'),
  );
  // Another service's durable, and a raw subscription to the subjects.
  await admin.jsm.consumers.add(STREAM, {
    durable_name: 'donor-notifier',
    filter_subject: Subject.NotificationSend,
    ack_policy: AckPolicy.Explicit,
  });
  await assert.rejects(
    sacrifice.js.consumers.get(STREAM, 'donor-notifier'),
    refused('$JS.API.CONSUMER.INFO.QURBANI.donor-notifier'),
  );
  const sub = sacrifice.nc.subscribe('notification.>');
  await assert.rejects(
    (async () => {
      for await (const _ of sub) break;
    })(),
    PermissionViolationError,
  );

  // Only the admin user updates or deletes the stream.
  await assert.rejects(
    ensureStream(sacrifice.jsm, { name: STREAM, subjects: ['sacrifice.>'] }),
    /may not: update it once as the NATS admin user/,
  );
  await assert.rejects(sacrifice.jsm.streams.delete(STREAM), refused('$JS.API.STREAM.DELETE.QURBANI'));
  await assert.rejects(sacrifice.jsm.streams.purge(STREAM), refused('$JS.API.STREAM.PURGE.QURBANI'));
  const info = await admin.jsm.streams.info(STREAM);
  assert.deepEqual(info.config.subjects, [...STREAM_SUBJECTS]);
  // ...while an unchanged stream is fine for everyone: this is what each service does at start.
  await ensureStream(sacrifice.jsm, { name: STREAM, subjects: STREAM_SUBJECTS });
});

test('an order placed by the donor subgraph reaches the sacrifice subgraph through its outbox relay and durable consumer', async () => {
  let orm: MikroORM | undefined;
  let dispose = async () => undefined as void;
  const stops: (() => Promise<void>)[] = [];
  try {
    ({ orm, dispose } = await createTestOrm());
    const donor = await as('donor');
    const sacrifice = await as('sacrifice');
    const logger = quietLogger();

    // What each service does at start-up, under its own user.
    await ensureStream(donor.jsm, { name: STREAM, subjects: STREAM_SUBJECTS });
    const relay = startOutboxRelay({ orm, js: donor.js, nc: donor.nc, pollMs: 20, logger });
    stops.push(() => relay.stop());
    const received: EventPayloads[typeof Subject.OrderPlaced][] = [];
    const consumer = await startConsumer({
      orm,
      js: sacrifice.js,
      jsm: sacrifice.jsm,
      stream: STREAM,
      durable: 'sacrifice-order-placed',
      subjects: [Subject.OrderPlaced],
      logger,
      handler: async (_em, payload) => {
        received.push(payload);
      },
    });
    stops.push(() => consumer.stop());

    const order = {
      orderId: 'o1',
      donorId: 'd1',
      species: 'SHEEP',
      shares: [{ shareId: 'sh1', offeredFor: 'Amina' }],
    } as const;
    await orm.em.fork().transactional(async (em) => {
      enqueue(em, Subject.OrderPlaced, order);
    });
    await eventually(async () => received.length === 1);
    assert.deepEqual(received, [order]);
    await eventually(
      async () => (await admin.jsm.consumers.info(STREAM, 'sacrifice-order-placed')).num_ack_pending === 0,
    );

    // A row the donor subgraph does not own (say, written through an injection) is refused by the
    // server: it stays in the outbox with the error, and nothing reaches the stream.
    const verdictsBefore = await messagesOn(Subject.VideoProcessedFinal);
    await orm.em.fork().transactional(async (em) => {
      enqueue(em, Subject.VideoProcessedFinal, verdict);
    });
    const forged = await eventually(async () => {
      const row = await orm!.em.fork().findOne(OutboxMessage, { subject: Subject.VideoProcessedFinal });
      return row?.lastError ? row : undefined;
    });
    assert.match(forged.lastError!, /Permissions Violation/i);
    assert.equal(forged.publishedAt, null);
    assert.equal(await messagesOn(Subject.VideoProcessedFinal), verdictsBefore);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await dispose();
  }
});
