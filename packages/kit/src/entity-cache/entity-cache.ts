import type { Redis } from 'ioredis';

/** Counts what the cache answered, per entity (the service's `entity_cache_requests_total`). */
export interface EntityCacheMetrics {
  count(entity: string, outcome: 'hit' | 'miss' | 'error', n: number): void;
}

export interface EntityCacheOptions<T> {
  redis: Redis;
  /** Entity name: the metric label and part of the keys. */
  entity: string;
  /** The environment's and service's key namespace, e.g. `qurbani:sacrifice:`. */
  keyPrefix: string;
  /** Rows by id straight from the database. No viewer filter: whoever reads the cache authorizes. */
  load(ids: readonly string[]): Promise<T[]>;
  idOf(row: T): string;
  /** Fields kept as dates (JSON turns them into strings). */
  dateFields?: readonly (keyof T & string)[];
  /** How long a cached row lives without a write (default 300 s): bounds staleness if an invalidation is lost. */
  ttlSeconds?: number;
  metrics?: EntityCacheMetrics;
  /** Told when Redis fails; the cache then answers from the database. */
  onError?: (error: unknown) => void;
}

// Writes a row only if no invalidation happened since the reader saw the version: a reader that
// loaded a row before a write committed can never put it back after the write's invalidation.
const SET_IF_VERSION = `
local seen = ARGV[1]
local now = redis.call('get', KEYS[2]) or '0'
if now == seen then redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end
return 0`;

// A version outlives any read in flight by far; it only has to outlive the rows written under it.
const VERSION_TTL_SECONDS = 86_400;

/**
 * A read-through cache of one entity's rows in Redis, shared by a service's replicas. Rows are
 * plain objects of the entity's fields (never a viewer's view of them); `invalidate` runs after
 * the commit of every write (see `invalidateOnCommit`), so a change is never served after it commits.
 */
export class EntityCache<T extends object> {
  private readonly ttl: number;

  constructor(private readonly options: EntityCacheOptions<T>) {
    this.ttl = options.ttlSeconds ?? 300;
    if (!('setIfVersion' in options.redis))
      options.redis.defineCommand('setIfVersion', { numberOfKeys: 2, lua: SET_IF_VERSION });
  }

  get entity(): string {
    return this.options.entity;
  }

  /** A row's id, as its keys use it. */
  idOf(row: T): string {
    return this.options.idOf(row);
  }

  /** Rows in the order of `ids`, `null` where none exists. */
  async getMany(ids: readonly string[]): Promise<(T | null)[]> {
    const { redis, metrics, entity } = this.options;
    let cached: (string | null)[];
    try {
      cached = await redis.mget(...ids.map((id) => this.rowKey(id)), ...ids.map((id) => this.versionKey(id)));
    } catch (error) {
      this.options.onError?.(error);
      metrics?.count(entity, 'error', ids.length);
      return this.fromDatabase(ids);
    }
    const rows = new Map<string, T>();
    const missing: string[] = [];
    ids.forEach((id, i) => {
      const json = cached[i];
      if (json) rows.set(id, this.revive(JSON.parse(json) as T));
      else missing.push(id);
    });
    metrics?.count(entity, 'hit', ids.length - missing.length);
    if (missing.length > 0) {
      metrics?.count(entity, 'miss', missing.length);
      const seen = new Map(ids.map((id, i) => [id, cached[ids.length + i] ?? '0']));
      const loaded = await this.options.load(missing);
      for (const row of loaded) rows.set(this.options.idOf(row), row);
      await this.store(loaded, seen);
    }
    return ids.map((id) => rows.get(id) ?? null);
  }

  /**
   * Drops the rows and bumps their versions, so no read that began before can store them again;
   * then puts the committed rows back under the new versions, so the next reader finds them (a
   * write that committed meanwhile has bumped the version again, and its own rows win).
   */
  async invalidate(ids: Iterable<string>): Promise<void> {
    const unique = [...new Set(ids)];
    const pipeline = this.options.redis.pipeline();
    for (const id of unique) {
      pipeline.incr(this.versionKey(id)).expire(this.versionKey(id), VERSION_TTL_SECONDS);
      pipeline.del(this.rowKey(id));
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    // Each id queued incr, expire and del: the incr's answer is the version the refill must find.
    await this.refill(new Map(unique.map((id, i) => [id, String(results[i * 3]![1])])));
  }

  /** Stores the rows as committed now, each only if its version is still the one given. */
  private async refill(versions: Map<string, string>): Promise<void> {
    if (versions.size === 0) return;
    try {
      await this.store(await this.options.load([...versions.keys()]), versions);
    } catch (error) {
      // The next reader loads them instead: nothing to undo.
      this.options.onError?.(error);
    }
  }

  private async store(rows: T[], seen: Map<string, string>): Promise<void> {
    if (rows.length === 0) return;
    const pipeline = this.options.redis.pipeline() as unknown as {
      setIfVersion(row: string, version: string, seen: string, json: string, ttl: number): void;
      exec(): Promise<unknown>;
    };
    for (const row of rows) {
      const id = this.options.idOf(row);
      pipeline.setIfVersion(this.rowKey(id), this.versionKey(id), seen.get(id)!, JSON.stringify(row), this.ttl);
    }
    // A row that could not be kept is read from the database next time: nothing to undo.
    await pipeline.exec().catch((error: unknown) => this.options.onError?.(error));
  }

  private async fromDatabase(ids: readonly string[]): Promise<(T | null)[]> {
    const rows = new Map((await this.options.load(ids)).map((row) => [this.options.idOf(row), row]));
    return ids.map((id) => rows.get(id) ?? null);
  }

  private revive(row: T): T {
    for (const field of this.options.dateFields ?? []) {
      const value = row[field] as unknown;
      if (typeof value === 'string') (row as Record<string, unknown>)[field] = new Date(value);
    }
    return row;
  }

  private rowKey(id: string) {
    return `${this.options.keyPrefix}cache:${this.options.entity}:${id}`;
  }

  private versionKey(id: string) {
    return `${this.options.keyPrefix}cache:${this.options.entity}:${id}:v`;
  }
}
