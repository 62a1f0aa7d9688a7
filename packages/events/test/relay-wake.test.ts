import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MikroORM } from '@mikro-orm/postgresql';
import { enqueue, OutboxMessage, startOutboxRelay, Subject } from '../src/index.js';
import { createTestOrm, createTestStream, eventually, quietLogger } from './helpers.js';

let orm: MikroORM;
let disposeDb: () => Promise<void>;

before(async () => {
  ({ orm, dispose: disposeDb } = await createTestOrm());
});

after(async () => {
  await disposeDb();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const published = async (orderId: string) =>
  (await orm.em.fork().findOne(OutboxMessage, { payload: { orderId } }))?.publishedAt != null;

// The idle scan is an hour away: only the wake-up on commit can publish these rows in time.
test('a commit that wrote outbox rows has them published at once, without waiting for an idle scan', async () => {
  const { nats, prefix, dispose } = await createTestStream();
  const relay = startOutboxRelay({ orm, js: nats.js, pollMs: 3_600_000, subjectPrefix: prefix, logger: quietLogger() });
  try {
    await relay.flushNow();

    await orm.em.fork().transactional(async (em) => {
      enqueue(em, Subject.OrderCancelled, { orderId: 'in-a-transaction' });
    });
    await eventually(() => published('in-a-transaction'), 3000);

    const em = orm.em.fork();
    enqueue(em, Subject.OrderCancelled, { orderId: 'by-a-plain-flush' });
    await em.flush();
    await eventually(() => published('by-a-plain-flush'), 3000);

    await orm.em.fork().transactional(async (outer) => {
      await outer.transactional(async (inner) => {
        enqueue(inner, Subject.OrderCancelled, { orderId: 'in-a-nested-transaction' });
      });
    });
    await eventually(() => published('in-a-nested-transaction'), 3000);

    // Written while a scan runs: the scan may not see it, so another follows at once.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        orm.em.fork().transactional(async (tx) => {
          enqueue(tx, Subject.OrderCancelled, { orderId: `burst-${i}` });
        }),
      ),
    );
    await eventually(async () => (await orm.em.fork().count(OutboxMessage, { publishedAt: null })) === 0, 3000);
  } finally {
    await relay.stop();
    await dispose();
  }
});

test('a rolled-back transaction does not wake the relay', async () => {
  const { nats, prefix, dispose } = await createTestStream();
  let scans = 0;
  const counting = new Proxy(orm, {
    get: (target, key) =>
      key === 'em'
        ? new Proxy(target.em, {
            get: (em, k) => (k === 'fork' ? (...a: []) => (scans++, em.fork(...a)) : Reflect.get(em, k, em)),
          })
        : Reflect.get(target, key, target),
  });
  const relay = startOutboxRelay({
    orm: counting,
    js: nats.js,
    pollMs: 3_600_000,
    subjectPrefix: prefix,
    logger: quietLogger(),
  });
  try {
    // The relay's first scan runs as it starts: let it finish before counting.
    await relay.flushNow();
    await settle();
    const before = scans;
    await assert.rejects(
      orm.em.fork().transactional(async (em) => {
        enqueue(em, Subject.OrderCancelled, { orderId: 'rolled-back' });
        await em.flush();
        throw new Error('refused');
      }),
      /refused/,
    );
    await settle();
    assert.equal(scans, before);
  } finally {
    await relay.stop();
    await dispose();
  }
});
