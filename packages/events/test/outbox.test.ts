import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import {
  connectNats,
  enqueue,
  ensureStream,
  OutboxMessage,
  startOutboxRelay,
  STREAM_SUBJECTS,
  Subject,
} from '../src/index.js';
import { createTestOrm, createTestStream, eventually, NATS_URL, quietLogger } from './helpers.js';

let orm: MikroORM;
let disposeDb: () => Promise<void>;

before(async () => {
  ({ orm, dispose: disposeDb } = await createTestOrm());
});

after(async () => {
  await disposeDb();
});

const unpublished = () => orm.em.fork().count(OutboxMessage, { publishedAt: null });

test('rolled-back enqueue publishes nothing; committed rows are published exactly once by two concurrent relays', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  try {
    await orm.em.getConnection().execute('truncate outbox_message');
    await assert.rejects(
      orm.em.fork().transactional(async (em) => {
        enqueue(em, Subject.OrderCancelled, { orderId: 'rolled-back' });
        await em.flush();
        throw new Error('business rule failed');
      }),
      /business rule failed/,
    );
    const total = 150;
    await orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < total; i++) enqueue(em, Subject.OrderCancelled, { orderId: `order-${i}` });
    });

    let publishes = 0;
    const countingJs = {
      publish: (...args: Parameters<JetStreamClient['publish']>) => {
        publishes += 1;
        return nats.js.publish(...args);
      },
    } as unknown as JetStreamClient;
    const logger = quietLogger();
    const relays = [1, 2].map(() =>
      startOutboxRelay({ orm, js: countingJs, pollMs: 10, batch: 20, subjectPrefix: prefix, logger }),
    );
    await Promise.all(relays.map((r) => r.flushNow()));
    await eventually(async () => (await unpublished()) === 0);
    await Promise.all(relays.map((r) => r.stop()));

    assert.equal(publishes, total, 'each row published once across both relays');
    const info = await nats.jsm.streams.info(stream);
    assert.equal(info.state.messages, total);
    const rows = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    assert.equal(rows.length, total, 'the rolled-back row was never written');
    assert.ok(rows.every((r) => r.publishedAt && r.attempts === 1 && r.lastError === null));
    assert.ok(!rows.some((r) => (r.payload as { orderId: string }).orderId === 'rolled-back'));

    // The message on the wire carries the outbox id as Nats-Msg-Id and the JSON payload.
    const first = await nats.jsm.streams.getMessage(stream, { seq: 1 });
    assert.ok(first);
    assert.equal(first.subject, `${prefix}.${Subject.OrderCancelled}`);
    assert.ok(rows.some((r) => r.id === first.header.get('Nats-Msg-Id')));
    assert.deepEqual(first.json(), rows.find((r) => r.id === first.header.get('Nats-Msg-Id'))!.payload);
  } finally {
    await dispose();
  }
});

test('relay keeps rows when publishing fails and publishes them once NATS is back', async () => {
  const { nats, stream, prefix, dispose } = await createTestStream();
  try {
    await orm.em.getConnection().execute('truncate outbox_message');
    await orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 3; i++) enqueue(em, Subject.OrderCancelled, { orderId: `order-${i}` });
    });

    // 1. A closed connection: every publish throws.
    const dead = await connectNats(NATS_URL);
    await dead.close();
    const logger = quietLogger();
    const broken = startOutboxRelay({ orm, js: dead.js, pollMs: 10, subjectPrefix: prefix, logger });
    assert.equal(await broken.flushNow(), 0);
    await broken.stop();
    let rows = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.publishedAt === null));
    assert.ok(rows[0]!.attempts >= 1 && rows[0]!.lastError, 'error recorded on the first row');

    // 2. No stream for the subjects: publish gets no responders. The running relay keeps retrying.
    await nats.jsm.streams.delete(stream);
    const relay = startOutboxRelay({
      orm,
      js: nats.js,
      pollMs: 10,
      maxRetryDelayMs: 100,
      subjectPrefix: prefix,
      logger,
    });
    await eventually(async () => {
      const row = await orm.em.fork().findOneOrFail(OutboxMessage, { payload: { orderId: 'order-0' } });
      return row.attempts >= 3;
    });
    assert.equal(await unpublished(), 3);

    await ensureStream(nats.jsm, { name: stream, subjects: STREAM_SUBJECTS.map((s) => `${prefix}.${s}`) });
    await eventually(async () => (await unpublished()) === 0);
    await relay.stop();
    rows = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    assert.ok(rows.every((r) => r.publishedAt && r.lastError === null));
    assert.equal((await nats.jsm.streams.info(stream)).state.messages, 3);
    assert.ok(logger.lines.some((l) => l.includes('outbox publish failed')));
  } finally {
    await dispose();
  }
});
