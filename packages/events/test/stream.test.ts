import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StorageType } from '@nats-io/jetstream';
import { connectNats, ensureStream } from '../src/index.js';
import { subjectMatches } from '../src/subject-match.js';
import { NATS_URL, rand } from './helpers.js';

test('ensureStream creates a file stream with a 2 min duplicate window and 30 days of retention, then updates it in place', async () => {
  const nats = await connectNats(NATS_URL);
  const name = `QURBANI_TEST_${rand()}`;
  const prefix = name.toLowerCase();
  try {
    const created = await ensureStream(nats.jsm, { name, subjects: [`${prefix}.order.>`] });
    assert.equal(created.config.storage, StorageType.File);
    assert.equal(created.config.duplicate_window, 120_000_000_000);
    assert.equal(created.config.max_age, 30 * 24 * 3600 * 1e9, 'a new stream is bounded in age');
    const updated = await ensureStream(nats.jsm, {
      name,
      subjects: [`${prefix}.order.>`, `${prefix}.video.>`],
      duplicateWindowMs: 5_000,
      maxAgeMs: 3_600_000,
    });
    assert.deepEqual(updated.config.subjects, [`${prefix}.order.>`, `${prefix}.video.>`]);
    assert.equal(updated.config.duplicate_window, 5_000_000_000);
    const again = await ensureStream(nats.jsm, {
      name,
      subjects: [`${prefix}.order.>`, `${prefix}.video.>`],
      duplicateWindowMs: 5_000,
    });
    assert.equal(again.config.max_age, 3_600_000_000_000, 'max_age kept when not given');
    assert.equal(again.state.messages, 0);
  } finally {
    await nats.jsm.streams.delete(name).catch(() => undefined);
    await nats.close();
    await nats.close();
  }
});

test('subjectMatches follows NATS wildcard rules', () => {
  assert.ok(subjectMatches('order.placed', 'order.placed'));
  assert.ok(subjectMatches('order.*', 'order.placed'));
  assert.ok(subjectMatches('order.>', 'order.placed'));
  assert.ok(subjectMatches('x.order.>', 'x.order.a.b'));
  assert.ok(!subjectMatches('order.>', 'order'));
  assert.ok(!subjectMatches('order.*', 'order.a.b'));
  assert.ok(!subjectMatches('order.placed', 'order.cancelled'));
  assert.ok(!subjectMatches('order.placed.x', 'order.placed'));
});
