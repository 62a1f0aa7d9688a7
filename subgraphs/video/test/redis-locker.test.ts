import { newId } from '@qurbani/kit';
import { testRunId } from '@qurbani/kit/testing';
import { ERRORS, Upload } from '@tus/utils';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HashingFileStore } from '../src/upload/hashing-file-store.js';
import { RedisLocker } from '../src/upload/redis-locker.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Each locker has its own connections, as two replicas would.
describe('the tus lock shared through Redis', () => {
  const prefix = `test:${testRunId()}:`;
  const lockers: RedisLocker[] = [];
  const clients: Redis[] = [];
  async function replica(options: { ttlMs?: number; acquireTimeoutMs?: number } = {}): Promise<RedisLocker> {
    const redis = new Redis(REDIS_URL);
    clients.push(redis);
    const locker = new RedisLocker({ redis, prefix, ...options });
    lockers.push(locker);
    await locker.ready();
    return locker;
  }
  const never = () => new AbortController().signal;

  after(async () => {
    for (const locker of lockers) await locker.close();
    const keys = await clients[0]!.keys(`${prefix}*`);
    if (keys.length) await clients[0]!.del(...keys);
    for (const client of clients) client.disconnect();
  });

  it('asks the holder on another replica to release, then takes over', async () => {
    const [a, b] = [await replica(), await replica()];
    const id = newId();
    const first = a.newLock(id);
    let asked = 0;
    await first.lock(never(), async () => {
      asked++;
      // What tus does on a release request: end the old PATCH, which unlocks.
      await first.unlock();
    });
    assert.equal(a.mayWrite(id), true);
    const started = Date.now();
    await b.newLock(id).lock(never(), () => undefined);
    assert.equal(asked, 1);
    assert.equal(a.mayWrite(id), false);
    assert.equal(b.mayWrite(id), true);
    assert.ok(Date.now() - started < 2000, 'the takeover waited for the holder, not for the lease');
  });

  it('keeps a holder that does not let go, and refuses the newcomer when its wait is over', async () => {
    const [a, b] = [await replica(), await replica({ acquireTimeoutMs: 400 })];
    const id = newId();
    let asked = 0;
    await a.newLock(id).lock(never(), () => void asked++);
    await assert.rejects(
      b.newLock(id).lock(never(), () => undefined),
      (error) => error === ERRORS.ERR_LOCK_TIMEOUT,
    );
    assert.ok(asked >= 1);
    assert.equal(a.mayWrite(id), true);
    assert.equal(b.mayWrite(id), false);
  });

  it('frees the lock of a holder that died once its lease ran out, and not before', async () => {
    const a = await replica({ ttlMs: 600 });
    const b = await replica({ ttlMs: 600, acquireTimeoutMs: 5000 });
    const id = newId();
    await a.newLock(id).lock(never(), () => undefined);
    // Renewals kept the lock well past one lease while the holder lived.
    await sleep(1000);
    const probe = await replica({ ttlMs: 600, acquireTimeoutMs: 200 });
    await assert.rejects(probe.newLock(id).lock(never(), () => undefined));
    await a.close(); // dies: no renewal, no unlock
    const started = Date.now();
    await b.newLock(id).lock(never(), () => undefined);
    assert.ok(Date.now() - started <= 1000, `took ${Date.now() - started} ms`);
    assert.equal(b.mayWrite(id), true);
  });

  it('closes the fence and ends the request of a holder whose lease was lost', async () => {
    const a = await replica({ ttlMs: 600 });
    const id = newId();
    let asked = 0;
    const lock = a.newLock(id);
    await lock.lock(never(), () => void asked++);
    // Another replica's lock replaced ours (as after a lapse): the next renewal must notice.
    await clients[0]!.set(`${prefix}tus-lock:${id}`, 'someone else');
    await sleep(400);
    assert.equal(a.mayWrite(id), false);
    assert.equal(asked, 1);
    // And its unlock leaves the other holder's key alone.
    await lock.unlock();
    assert.equal(await clients[0]!.get(`${prefix}tus-lock:${id}`), 'someone else');
  });

  it('never lets two requests of two replicas hold one upload at once', async () => {
    const [a, b] = [await replica(), await replica()];
    const id = newId();
    let inside = 0;
    let most = 0;
    let done = 0;
    const work = async (locker: RedisLocker) => {
      const lock = locker.newLock(id);
      // These holders finish their work rather than give up when asked.
      await lock.lock(never(), () => undefined);
      inside++;
      most = Math.max(most, inside);
      await sleep(5);
      inside--;
      done++;
      await lock.unlock();
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => work(i % 2 ? a : b)));
    assert.equal(done, 20);
    assert.equal(most, 1);
  });

  it('gives up waiting when the request ends', async () => {
    const [a, b] = [await replica(), await replica()];
    const id = newId();
    await a.newLock(id).lock(never(), () => undefined);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 150);
    const started = Date.now();
    await assert.rejects(b.newLock(id).lock(stop.signal, () => undefined));
    assert.ok(Date.now() - started < 1000);
  });

  it('stops writing an upload the moment its lock may be lost, keeping what was written before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tus-fence-'));
    try {
      const store = new HashingFileStore({ directory: dir });
      const id = newId();
      await store.create(new Upload({ id, size: 3 * 1024, offset: 0 }));
      let held = true;
      store.mayWrite = (uploadId) => uploadId === id && held;
      const body = new PassThrough();
      const writing = store.write(body, id, 0);
      body.write(Buffer.alloc(1024, 1));
      while ((await stat(join(dir, id))).size < 1024) await sleep(10);
      held = false; // the lease lapsed: another replica may own the upload now
      body.write(Buffer.alloc(1024, 2));
      body.end(Buffer.alloc(1024, 3));
      await assert.rejects(writing);
      assert.equal((await stat(join(dir, id))).size, 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
