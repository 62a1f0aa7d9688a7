import { deleteRedisKeys, testRunId } from '@qurbani/kit/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SharedCounters } from '../src/perimeter/shared-counters.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const limit = { points: 10, duration: 60 };
// Five seconds into a window still to come: no test crosses a window's end while it runs.
const inAWindow = Math.ceil(Date.now() / 60_000) * 60_000 + 5_000;

describe('rate-limit counters shared by gateway replicas through Redis', () => {
  const prefix = `qurbani:test:${testRunId()}:counters:`;
  let redis: Redis;
  before(() => {
    redis = new Redis(REDIS_URL);
  });
  after(async () => {
    await deleteRedisKeys(prefix);
    redis.disconnect();
  });

  /** Spends `n` points of `key` and returns how many were refused. */
  const spendMany = (counters: SharedCounters, key: string, n: number, now = inAWindow) =>
    Array.from({ length: n }, () => counters.spend(key, limit, now)).filter((wait) => wait > 0).length;

  it('admits exactly the limit in one replica, says how long to wait, and starts again with the next window', async () => {
    const counters = new SharedCounters(redis, prefix);
    const start = inAWindow;
    assert.equal(spendMany(counters, 'one', 15, start), 5);
    assert.equal(counters.spend('one', limit, start + 1_000), 54_000);
    assert.equal(spendMany(counters, 'one', 3, start + 60_000), 0);
    await counters.sync();
    const window = Math.floor(start / 60_000);
    assert.equal(await redis.get(`${prefix}one:${window}`), '10');
    assert.equal(await redis.get(`${prefix}one:${window + 1}`), '3');
    const ttl = await redis.pttl(`${prefix}one:${window}`);
    assert.ok(ttl > 60_000 && ttl <= 120_000, `the key expires one window after its own (${ttl} ms)`);
  });

  it("sends every key's spending in one sync and learns what the other replicas spent", async () => {
    const a = new SharedCounters(redis, prefix);
    const b = new SharedCounters(redis, prefix);
    assert.equal(spendMany(a, 'shared', 7), 0);
    assert.equal(spendMany(a, 'other', 1), 0);
    await a.sync();
    // B has not heard of A's seven yet: it admits, sends, and learns the total.
    assert.equal(spendMany(b, 'shared', 1), 0);
    await b.sync();
    assert.equal(spendMany(b, 'shared', 4), 2, 'B now counts A’s points: two of four left');
    await b.sync();
    // A learns B's three on its next sync and refuses from then on.
    assert.equal(spendMany(a, 'shared', 1), 0, 'A does not know yet: the overshoot across replicas');
    await a.sync();
    assert.equal(spendMany(a, 'shared', 1), 1);
    const keys = await redis.keys(`${prefix}shared:*`);
    assert.equal(keys.length, 1);
    assert.equal(await redis.get(keys[0]!), '11');
  });

  it('keeps counting alone while Redis is unreachable, and sends its counts once Redis is back', async () => {
    const offline = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    try {
      await offline.connect();
      const ended = new Promise((resolve) => offline.once('end', resolve));
      offline.disconnect();
      await ended;
      const counters = new SharedCounters(offline, prefix);
      assert.equal(spendMany(counters, 'alone', 12), 2, 'the limit holds without Redis');
      await counters.sync();
      await counters.sync();
      assert.equal(spendMany(counters, 'alone', 1), 1, 'what failed to send is still counted');
      await offline.connect();
      await counters.sync();
      const [key] = await redis.keys(`${prefix}alone:*`);
      assert.equal(await redis.get(key!), '10');
    } finally {
      offline.disconnect();
    }
  });

  it('syncs by itself a moment after spending', async () => {
    const counters = new SharedCounters(redis, prefix, 20);
    counters.spend('timer', limit);
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline && (await redis.keys(`${prefix}timer:*`)).length === 0)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const [key] = await redis.keys(`${prefix}timer:*`);
    assert.equal(await redis.get(key!), '1');
  });
});
