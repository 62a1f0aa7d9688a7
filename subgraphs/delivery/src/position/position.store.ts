import type { Redis } from 'ioredis';
import type { Fix } from './position.rules.js';

/** A route's current position as kept hot in Redis, with the ETA of each open stop. */
export interface HotPosition extends Fix {
  /** Last history bucket written for this route (see `POSITION_RULES.sampleEveryMs`). */
  bucket: number;
  /** Epoch ms per delivery id; null when the family's location is unknown. */
  etas: Record<string, number | null>;
}

// Compare-and-set on fix time, atomic in Redis: of two replicas storing positions of one route at
// once, the later fix wins whatever the order the writes arrive in.
const ADVANCE = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and tonumber(decoded.fixTime) >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** Positions go stale: a van that stopped reporting half a day ago is nowhere we know. */
const HOT_TTL_MS = 12 * 3_600_000;
/** Route versions only need to outlive the in-process route caches that compare against them (a minute). */
const VERSION_TTL_S = 3_600;

type WithAdvance = Redis & {
  advancePosition(key: string, fixTime: number, value: string, ttlMs: number): Promise<number>;
};

/**
 * Redis keys of live tracking: `<prefix>route-pos:<routeId>` (current position, JSON) and
 * `<prefix>route-ver:<routeId>` (bumped whenever a route's stops change, so every replica's cached
 * copy of the route is refreshed on its next report).
 */
export class PositionStore {
  private readonly redis: WithAdvance;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('advancePosition', { numberOfKeys: 1, lua: ADVANCE });
    this.redis = redis as WithAdvance;
  }

  /** The current position and the route's version, in one round trip. */
  async read(routeId: string): Promise<{ current: HotPosition | null; version: string }> {
    const [position, version] = await this.redis.mget(this.positionKey(routeId), this.versionKey(routeId));
    return { current: position ? (JSON.parse(position) as HotPosition) : null, version: version ?? '0' };
  }

  async currentOf(routeIds: readonly string[]): Promise<(HotPosition | null)[]> {
    if (routeIds.length === 0) return [];
    const values = await this.redis.mget(...routeIds.map((id) => this.positionKey(id)));
    return values.map((v) => (v ? (JSON.parse(v) as HotPosition) : null));
  }

  /** Stores `next` unless a later fix is already stored; returns whether it was stored. */
  async advance(routeId: string, next: HotPosition): Promise<boolean> {
    return (
      (await this.redis.advancePosition(this.positionKey(routeId), next.fixTime, JSON.stringify(next), HOT_TTL_MS)) ===
      1
    );
  }

  async bumpVersion(routeIds: readonly string[]): Promise<void> {
    if (routeIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of routeIds) pipeline.incr(this.versionKey(id)).expire(this.versionKey(id), VERSION_TTL_S);
    await pipeline.exec();
  }

  private positionKey = (routeId: string) => `${this.prefix}route-pos:${routeId}`;
  private versionKey = (routeId: string) => `${this.prefix}route-ver:${routeId}`;
}
