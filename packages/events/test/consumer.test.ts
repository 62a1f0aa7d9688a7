import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { headers } from '@nats-io/transport-node';
import {
  bySubject,
  DeadLetter,
  EVENT_ID_HEADER,
  InboxMessage,
  replayDeadLetter,
  startConsumer,
  Subject,
  type DeliveryMeta,
  type EventPayloads,
} from '../src/index.js';
import { createTestOrm, createTestStream, eventually, quietLogger } from './helpers.js';
import { SideEffect } from './side-effect.js';

let orm: MikroORM;
let disposeDb: () => Promise<void>;

before(async () => {
  ({ orm, dispose: disposeDb } = await createTestOrm([SideEffect]));
});

after(async () => {
  await disposeDb();
});

const json = (value: unknown) => JSON.stringify(value);
const count = (entity: typeof SideEffect | typeof DeadLetter | typeof InboxMessage, where: object = {}) =>
  orm.em.fork().count(entity as typeof SideEffect, where);

test('each event is handled once per durable despite duplicate publishes and republishes (inbox dedupe)', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream(300);
  const subject = `${prefix}.${Subject.OrderCancelled}`;
  const seen: string[] = [];
  const consumer = await startConsumer({
    orm,
    js: nats.js,
    jsm: nats.jsm,
    stream,
    durable: 'dedupe',
    subjects: [Subject.OrderCancelled],
    subjectPrefix: prefix,
    logger: quietLogger(),
    handler: async (em, payload) => {
      seen.push(payload.orderId);
      em.persist(new SideEffect(payload.orderId));
    },
  });
  try {
    // Same msgID inside the duplicate window: JetStream drops the second copy.
    const a1 = await nats.js.publish(subject, json({ orderId: 'A' }), { msgID: 'evt-A' });
    const a2 = await nats.js.publish(subject, json({ orderId: 'A' }), { msgID: 'evt-A' });
    assert.equal(a2.duplicate, true);
    assert.equal(a2.seq, a1.seq);
    // After the window the stream stores it again (as after a relay crash between publish and commit),
    // and a replay-style copy carries the same event id under a fresh msgID: the inbox must catch both.
    await sleep(400);
    const a3 = await nats.js.publish(subject, json({ orderId: 'A' }), { msgID: 'evt-A' });
    assert.equal(a3.duplicate, false);
    const h = headers();
    h.set(EVENT_ID_HEADER, 'evt-A');
    await nats.js.publish(subject, json({ orderId: 'A' }), { msgID: 'evt-A-copy', headers: h });
    await nats.js.publish(subject, json({ orderId: 'B' }), { msgID: 'evt-B' });

    await eventually(async () => {
      const info = await nats.jsm.consumers.info(stream, 'dedupe');
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq === 4;
    });
    assert.deepEqual(seen.sort(), ['A', 'B']);
    assert.equal(await count(SideEffect, { label: 'A' }), 1);
    assert.equal(await count(InboxMessage, { consumer: 'dedupe' }), 2);
  } finally {
    await consumer.stop();
    await dispose();
  }
});

test('a handler failing twice is retried with backoff and its side effect commits once', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  const calls: { at: number; meta: DeliveryMeta }[] = [];
  const consumer = await startConsumer({
    orm,
    js: nats.js,
    jsm: nats.jsm,
    stream,
    durable: 'flaky',
    subjects: [Subject.OrderCancelled],
    subjectPrefix: prefix,
    backoffMs: (n) => 150 * n,
    logger: quietLogger(),
    handler: async (em, payload, meta) => {
      calls.push({ at: Date.now(), meta });
      em.persist(new SideEffect(`flaky-${payload.orderId}`));
      await em.flush();
      if (meta.deliveryCount < 3) throw new Error(`transient failure ${meta.deliveryCount}`);
    },
  });
  try {
    await nats.js.publish(`${prefix}.${Subject.OrderCancelled}`, json({ orderId: 'C' }), { msgID: 'evt-C' });
    await eventually(async () => (await count(InboxMessage, { consumer: 'flaky' })) === 1);
    await eventually(async () => (await nats.jsm.consumers.info(stream, 'flaky')).num_ack_pending === 0);
    assert.deepEqual(
      calls.map((c) => c.meta.deliveryCount),
      [1, 2, 3],
    );
    assert.ok(calls.every((c) => c.meta.messageId === 'evt-C' && c.meta.subject === Subject.OrderCancelled));
    assert.ok(calls[1]!.at - calls[0]!.at >= 140, `first retry after ${calls[1]!.at - calls[0]!.at} ms`);
    assert.ok(calls[2]!.at - calls[1]!.at >= 290, `second retry after ${calls[2]!.at - calls[1]!.at} ms`);
    assert.equal(await count(SideEffect, { label: 'flaky-C' }), 1, 'failed attempts rolled back');
    assert.equal(await count(DeadLetter, { consumer: 'flaky' }), 0);
  } finally {
    await consumer.stop();
    await dispose();
  }
});

test('an always-failing handler ends in one dead letter after maxDeliver; replay re-runs only that consumer', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  let broken = true;
  const failing: DeliveryMeta[] = [];
  const healthy: string[] = [];
  const common = {
    orm,
    js: nats.js,
    jsm: nats.jsm,
    stream,
    subjects: [Subject.SacrificeAssigned],
    subjectPrefix: prefix,
    logger: quietLogger(),
  };
  const bad = await startConsumer({
    ...common,
    durable: 'always-fails',
    maxDeliver: 3,
    backoffMs: () => 50,
    handler: async (em, payload, meta) => {
      failing.push(meta);
      if (broken) throw new Error('downstream rejected it');
      em.persist(new SideEffect(`replayed-${payload.sacrificeId}`));
    },
  });
  const good = await startConsumer({
    ...common,
    durable: 'healthy',
    handler: async (_em, payload) => void healthy.push(payload.sacrificeId),
  });
  try {
    const payload: EventPayloads['sacrifice.assigned'] = { sacrificeId: 'S1', executorId: 'E1', donorIds: ['D1'] };
    await nats.js.publish(`${prefix}.${Subject.SacrificeAssigned}`, json(payload), { msgID: 'evt-S1' });

    const dead = await eventually(() => orm.em.fork().findOne(DeadLetter, { consumer: 'always-fails' }));
    await eventually(async () => (await nats.jsm.consumers.info(stream, 'always-fails')).num_ack_pending === 0);
    await sleep(200); // a wrongly scheduled extra redelivery would show up here
    assert.equal(failing.length, 3);
    assert.equal(await count(DeadLetter), 1);
    assert.equal(dead.subject, Subject.SacrificeAssigned);
    assert.equal(dead.messageId, 'evt-S1');
    assert.equal(dead.deliveries, 3);
    assert.deepEqual(dead.payload, payload);
    assert.match(dead.error, /downstream rejected it/);
    assert.equal(dead.replayedAt, null);
    assert.deepEqual(healthy, ['S1']);

    broken = false;
    await replayDeadLetter(orm, nats.js, dead.id, { subjectPrefix: prefix });
    await eventually(async () => (await count(SideEffect, { label: 'replayed-S1' })) === 1);
    assert.equal(failing.at(-1)!.messageId, 'evt-S1');
    assert.equal(failing.at(-1)!.deliveryCount, 1);
    const replayed = await orm.em.fork().findOneOrFail(DeadLetter, { id: dead.id });
    assert.ok(replayed.replayedAt instanceof Date);
    await eventually(async () => (await nats.jsm.consumers.info(stream, 'healthy')).num_ack_pending === 0);
    assert.deepEqual(healthy, ['S1'], 'the consumer that had succeeded skips the replay');
  } finally {
    await Promise.all([bad.stop(), good.stop()]);
    await dispose();
  }
});

test('a body that is not JSON is dead-lettered at once and cannot be replayed', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  let calls = 0;
  const consumer = await startConsumer({
    orm,
    js: nats.js,
    jsm: nats.jsm,
    stream,
    durable: 'poison',
    subjects: [Subject.OrderPlaced],
    subjectPrefix: prefix,
    logger: quietLogger(),
    handler: async () => void (calls += 1),
  });
  try {
    await nats.js.publish(`${prefix}.${Subject.OrderPlaced}`, '{not json', { msgID: 'evt-P' });
    const dead = await eventually(() => orm.em.fork().findOne(DeadLetter, { consumer: 'poison' }));
    assert.equal(calls, 0);
    assert.equal(dead.deliveries, 1);
    assert.match(dead.error, /^poison: /);
    assert.deepEqual(dead.payload, { raw: '{not json' });
    await assert.rejects(replayDeadLetter(orm, nats.js, dead.id, { subjectPrefix: prefix }), /cannot be replayed/);
    await eventually(async () => (await nats.jsm.consumers.info(stream, 'poison')).num_ack_pending === 0);
  } finally {
    await consumer.stop();
    await dispose();
  }
});

test('several subjects with bySubject, bounded concurrency, other subjects ignored', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  let running = 0;
  let peak = 0;
  const placed: string[] = [];
  const cancelled: string[] = [];
  const track = async (list: string[], id: string) => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep(60);
    list.push(id);
    running -= 1;
  };
  const logger = quietLogger();
  const consumer = await startConsumer({
    orm,
    js: nats.js,
    jsm: nats.jsm,
    stream,
    durable: 'orders',
    subjectPrefix: prefix,
    concurrency: 2,
    logger,
    subjects: [Subject.OrderPlaced, Subject.OrderCancelled],
    handler: bySubject({
      [Subject.OrderPlaced]: async (_em, p) => track(placed, `${p.orderId}:${p.species}`),
      [Subject.OrderCancelled]: async (_em, p) => track(cancelled, p.orderId),
    }),
  });
  try {
    for (let i = 0; i < 3; i++) {
      await nats.js.publish(
        `${prefix}.${Subject.OrderPlaced}`,
        json({ orderId: `P${i}`, donorId: 'D', species: 'SHEEP', shares: [] }),
        { msgID: `p${i}` },
      );
      await nats.js.publish(`${prefix}.${Subject.OrderCancelled}`, json({ orderId: `C${i}` }), { msgID: `c${i}` });
    }
    await nats.js.publish(`${prefix}.${Subject.SacrificeAllocated}`, json({ sacrificeId: 'X' }), { msgID: 'x' });
    await eventually(async () => placed.length + cancelled.length === 6);
    await eventually(async () => {
      const info = await nats.jsm.consumers.info(stream, 'orders');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    assert.deepEqual(placed.sort(), ['P0:SHEEP', 'P1:SHEEP', 'P2:SHEEP']);
    assert.deepEqual(cancelled.sort(), ['C0', 'C1', 'C2']);
    assert.equal(peak, 2);
    assert.equal(await count(InboxMessage, { consumer: 'orders' }), 6, 'the unrelated subject never reached the inbox');
    // nats-server 2.9 has no filter_subjects: the consumer must have fallen back to client-side filtering.
    const [major = 0, minor = 0] = (nats.nc.info?.version ?? '0.0').split('.').map(Number);
    if (major === 2 && minor < 10) assert.ok(logger.lines.some((l) => l.includes('filters subjects client-side')));
  } finally {
    await consumer.stop();
    await dispose();
  }
});
