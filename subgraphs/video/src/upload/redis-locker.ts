import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RedisLockerOptions {
  /** Commands; a duplicate of it listens for release requests. */
  redis: Redis;
  /** Namespace of the keys and the channel (the environment's Redis prefix). */
  prefix: string;
  /** Lease of a lock in Redis, renewed while held: a holder that died frees it after this long (default 10 s). */
  ttlMs?: number;
  /** A request that cannot get the lock within this long is refused (default 30 s, as tus' MemoryLocker). */
  acquireTimeoutMs?: number;
  /** Pause between two tries while another request holds the lock (default 50 ms). */
  retryMs?: number;
}

// Compare-and-act on the holder's token: a holder whose lease lapsed and was taken over never
// extends or deletes the new holder's lock.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

interface Held {
  token: string;
  /** Until when this process may still write: the lease, counted from before the last renewal was sent, less a margin. */
  validUntil: number;
  requestRelease: RequestRelease;
  timer: NodeJS.Timeout;
}

/**
 * tus' lock on an upload, shared by every replica through Redis, so that the PATCH, HEAD and
 * DELETE requests of one upload can reach any replica:
 * - a lock is a key `SET NX PX` with a random token, renewed every third of its lease while held;
 *   a holder that died stops renewing and the key expires;
 * - a request that finds the lock taken publishes the upload id: the replica holding it calls tus'
 *   `requestRelease`, which ends the old PATCH (after tus' drain delay) and unlocks;
 * - `mayWrite(id)` is the fence the store checks before each chunk: false once the lease could have
 *   lapsed without a renewal, so a holder cut off from Redis stops writing before another can take over.
 */
export class RedisLocker implements Locker {
  readonly ttlMs: number;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly channel: string;
  private readonly held = new Map<string, Held>();
  private readonly listening: Promise<unknown>;

  constructor(options: RedisLockerOptions) {
    this.redis = options.redis;
    this.prefix = `${options.prefix}tus-lock:`;
    this.channel = `${options.prefix}tus-lock-release`;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
    this.retryMs = options.retryMs ?? 50;
    this.subscriber = options.redis.duplicate();
    this.subscriber.on('message', (_channel: string, id: string) => {
      const held = this.held.get(id);
      if (held) void held.requestRelease();
    });
    this.listening = this.subscriber.subscribe(this.channel);
  }

  /** Resolves once release requests of other replicas reach this one. */
  ready(): Promise<void> {
    return this.listening.then(() => undefined);
  }

  newLock(id: string): Lock {
    return new RedisLock(this, id);
  }

  /** Whether this process holds the upload's lock and its lease cannot have lapsed. */
  mayWrite(id: string): boolean {
    const held = this.held.get(id);
    return held !== undefined && Date.now() < held.validUntil;
  }

  /** Stops listening and renewing; locks still held expire by their lease. */
  async close(): Promise<void> {
    for (const held of this.held.values()) clearInterval(held.timer);
    this.held.clear();
    this.subscriber.disconnect();
  }

  /** @internal one try: true when the lock is now this token's. */
  async tryAcquire(id: string, token: string, requestRelease: RequestRelease): Promise<boolean> {
    const sentAt = Date.now();
    const taken = await this.redis.set(this.key(id), token, 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return false;
    const held: Held = {
      token,
      validUntil: this.leaseEnd(sentAt),
      requestRelease,
      timer: setInterval(() => void this.renew(id, held), Math.max(1, Math.floor(this.ttlMs / 3))),
    };
    held.timer.unref();
    this.held.set(id, held);
    return true;
  }

  /** @internal asks whoever holds the lock to let it go. */
  async askRelease(id: string): Promise<void> {
    await this.redis.publish(this.channel, id);
  }

  /** @internal */
  async release(id: string, token: string): Promise<void> {
    const held = this.held.get(id);
    if (held?.token === token) {
      clearInterval(held.timer);
      this.held.delete(id);
    }
    await this.redis.eval(RELEASE, 1, this.key(id), token);
  }

  private async renew(id: string, held: Held): Promise<void> {
    const sentAt = Date.now();
    try {
      const renewed = await this.redis.eval(RENEW, 1, this.key(id), held.token, String(this.ttlMs));
      if (renewed === 1) {
        held.validUntil = this.leaseEnd(sentAt);
        return;
      }
      // Lapsed and possibly taken by another replica: stop writing at once and end the request.
      held.validUntil = 0;
      clearInterval(held.timer);
      if (this.held.get(id) === held) this.held.delete(id);
      void held.requestRelease();
    } catch {
      // Redis unreachable: the fence closes by itself when the lease runs out; end the request then.
      if (Date.now() >= held.validUntil) void held.requestRelease();
    }
  }

  private leaseEnd(sentAt: number): number {
    // The key's own clock started after `sentAt`; the margin covers a chunk already on its way to disk.
    return sentAt + this.ttlMs - Math.min(1000, Math.floor(this.ttlMs / 5));
  }

  private key(id: string): string {
    return `${this.prefix}${id}`;
  }
}

class RedisLock implements Lock {
  private readonly token = randomUUID();

  constructor(
    private readonly locker: RedisLocker,
    private readonly id: string,
  ) {}

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    let askedAt = 0;
    for (;;) {
      if (stopSignal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (await this.locker.tryAcquire(this.id, this.token, requestRelease)) return;
      // Asked again now and then: the holder may have taken the lock after our first request.
      if (Date.now() - askedAt >= 1000) {
        askedAt = Date.now();
        await this.locker.askRelease(this.id);
      }
      if (Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await sleep(this.locker.retryMs, undefined, { signal: stopSignal }).catch(() => undefined);
    }
  }

  async unlock(): Promise<void> {
    try {
      await this.locker.release(this.id, this.token);
    } catch (error) {
      // The bytes are written; the key expires with its lease. Failing the request would only make the client retry.
      console.warn(`could not release the lock of upload ${this.id}:`, error);
    }
  }
}
