import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  enqueue,
  enqueueLive,
  LiveKind,
  liveWireSubject,
  OutboxMessage,
  publishLive,
  startOutboxRelay,
  Subject,
} from '../src/index.js';
import { createTestOrm, createTestStream, eventually, quietLogger } from './helpers.js';

let orm: MikroORM;
let disposeDb: () => Promise<void>;

before(async () => {
  ({ orm, dispose: disposeDb } = await createTestOrm());
});

after(async () => {
  await disposeDb();
});

test('live signals are sent on core NATS once their transaction commits, next to the JetStream events', async () => {
  const { nats, prefix, dispose } = await createTestStream();
  try {
    const seen: { subject: string; body: Record<string, unknown> }[] = [];
    const sub = nats.nc.subscribe(`${prefix}.live.>`, {
      callback: (_e, m) => {
        seen.push({ subject: m.subject, body: m.json() });
      },
    });
    await assert.rejects(
      orm.em.fork().transactional(async (em) => {
        enqueueLive(em, LiveKind.Order, 'rolled-back', { status: 'CANCELLED' });
        await em.flush();
        throw new Error('rule');
      }),
    );
    await orm.em.fork().transactional(async (em) => {
      enqueue(em, Subject.OrderCancelled, { orderId: 'o1' });
      enqueueLive(em, LiveKind.Order, 'o1', { status: 'CANCELLED' });
    });
    const relay = startOutboxRelay({ orm, js: nats.js, pollMs: 10, subjectPrefix: prefix, logger: quietLogger() });
    await eventually(async () => seen.length === 1);
    await eventually(async () => (await orm.em.fork().count(OutboxMessage, { publishedAt: null })) === 0);
    await relay.stop();
    assert.equal(seen[0]!.subject, liveWireSubject(prefix, LiveKind.Order, 'o1'));
    assert.equal(seen[0]!.body.status, 'CANCELLED');
    assert.ok(typeof seen[0]!.body.at === 'string');

    // Positions do not wait for a transaction.
    publishLive(nats.nc, prefix, LiveKind.Position, 'd1', {
      deliveryId: 'd1',
      routeId: 'r1',
      lat: 1,
      lng: 2,
      fixTime: 'now',
      accuracy: null,
      speed: null,
      eta: null,
    });
    await eventually(async () => seen.length === 2);
    assert.equal(seen[1]!.subject, `${prefix}.live.position.d1`);
    sub.unsubscribe();
  } finally {
    await dispose();
  }
});
