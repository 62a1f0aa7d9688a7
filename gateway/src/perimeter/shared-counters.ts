import type { Redis } from 'ioredis';

/** A count limit over fixed windows of time, aligned to the epoch. */
export interface WindowLimit {
  points: number;
  duration: number;
}

/** One key's count in the current window, as this replica knows it. */
interface Count {
  /** The window's counter in Redis: the key and the window's number. */
  redisKey: string;
  window: number;
  durationMs: number;
  /** The window's total in Redis (every replica's) at the last sync. */
  shared: number;
  /** Spent here and not yet sent. */
  pending: number;
  /** Sent, and not yet acknowledged. */
  sending: number;
}

/**
 * Counters per key and window, decided in this replica's memory and summed across replicas in Redis.
 * A request costs a map look-up; what was spent is sent every `syncMs` for all keys at once, in one
 * pipeline, and the answer brings back every replica's total. Before, each request waited on its own
 * Redis call, whose socket write was a tenth of the gateway's CPU per request. The price: another
 * replica's spending is seen up to `syncMs` late, so across replicas a key may overshoot its limit by
 * what the others admitted in that time. Within one replica the limit is exact. While Redis is
 * unreachable, each replica goes on counting alone and sends its counts once Redis is back.
 */
export class SharedCounters {
  private readonly counts = new Map<string, Count>();
  /** The counts with points spent here and not yet sent. */
  private dirty = new Set<Count>();
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = Date.now();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly syncMs = 100,
  ) {}

  /**
   * Spends one point of `key` if the window has one left; otherwise returns the milliseconds until
   * the window ends. Returns 0 when the point was spent.
   */
  spend(key: string, limit: WindowLimit, now = Date.now()): number {
    const durationMs = limit.duration * 1000;
    const window = Math.floor(now / durationMs);
    let count = this.counts.get(key);
    if (count?.window !== window) {
      count = { redisKey: `${this.prefix}${key}:${window}`, window, durationMs, shared: 0, pending: 0, sending: 0 };
      this.counts.set(key, count);
    }
    if (count.shared + count.pending + count.sending >= limit.points) return (window + 1) * durationMs - now;
    count.pending++;
    this.dirty.add(count);
    this.scheduleSync();
    return 0;
  }

  /** Sends what was spent since the last sync, and learns every replica's totals. */
  async sync(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.dirty].map((count) => ({ count, amount: count.pending }));
    this.dirty = new Set();
    const pipeline = this.redis.pipeline();
    for (const { count, amount } of batch) {
      count.sending += amount;
      count.pending = 0;
      // The key outlives its window by one window: a late sync still finds it, and then it expires.
      pipeline.incrby(count.redisKey, amount).pexpire(count.redisKey, count.durationMs * 2);
    }
    const answers = await pipeline.exec().catch(() => null);
    batch.forEach(({ count, amount }, i) => this.settle(count, amount, answers?.[2 * i]));
    this.sweep(Date.now());
  }

  private settle(count: Count, amount: number, answer: [Error | null, unknown] | undefined) {
    count.sending -= amount;
    if (answer && !answer[0]) {
      // Every replica's total with this send; a send still in flight after it stays in `sending`.
      count.shared = Math.max(count.shared, Number(answer[1]));
      return;
    }
    if (ended(count, Date.now())) return;
    // Not counted in Redis: it stays this replica's own, and goes again with the next sync.
    count.pending += amount;
    this.dirty.add(count);
    this.scheduleSync();
  }

  private scheduleSync() {
    this.timer ??= setTimeout(() => void this.sync(), this.syncMs).unref();
  }

  /** Forgets the counts of ended windows, at most once a second. */
  private sweep(now: number) {
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, count] of this.counts) if (ended(count, now)) this.counts.delete(key);
  }
}

const ended = (count: Count, now: number) => (count.window + 1) * count.durationMs <= now;
