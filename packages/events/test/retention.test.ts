import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pruneSettled } from '../src/index.js';
import { createTestOrm } from './helpers.js';

let orm: MikroORM;
let dispose: () => Promise<void>;
before(async () => {
  ({ orm, dispose } = await createTestOrm());
});
after(() => dispose());

test('pruning removes only settled rows past their retention, in batches, and never pending ones', async () => {
  const sql = (query: string) => orm.em.getConnection().execute(query);
  const ago = (days: number) => `now() - interval '${days} days'`;
  await sql(`truncate outbox_message, inbox_message, dead_letter`);
  await sql(`insert into outbox_message (id, subject, payload, attempts, created_at, published_at)
    select gen_random_uuid(), 'order.placed', '{}', 1, ${ago(10)}, ${ago(9)} from generate_series(1, 25)`);
  await sql(`insert into outbox_message (id, subject, payload, attempts, created_at, published_at)
    values (gen_random_uuid(), 'order.placed', '{}', 0, ${ago(40)}, null),
           (gen_random_uuid(), 'order.placed', '{}', 1, ${ago(2)}, ${ago(1)})`);
  await sql(`insert into inbox_message (consumer, message_id, processed_at)
    values ('c', 'old', ${ago(40)}), ('c', 'recent', ${ago(20)})`);
  await sql(`insert into dead_letter (id, consumer, subject, message_id, payload, deliveries, error, created_at, replayed_at)
    values (gen_random_uuid(), 'c', 's', 'replayed-long-ago', '{}', 8, 'e', ${ago(60)}, ${ago(45)}),
           (gen_random_uuid(), 'c', 's', 'never-replayed', '{}', 8, 'e', ${ago(60)}, null)`);

  const deleted = await pruneSettled(orm, { batch: 10 });
  assert.deepEqual(deleted, { outbox: 25, inbox: 1, deadLetters: 1 });
  const left = async (table: string) =>
    Number(((await sql(`select count(*)::int as n from ${table}`)) as { n: number }[])[0]!.n);
  assert.equal(await left('outbox_message'), 2, 'the unpublished row (however old) and the recent one stay');
  assert.equal(await left('inbox_message'), 1);
  assert.equal(await left('dead_letter'), 1, 'a dead letter waiting for replay is never pruned');
  assert.deepEqual(await pruneSettled(orm), { outbox: 0, inbox: 0, deadLetters: 0 });
});
