import { ErrorCode, sendError } from '@qurbani/kit';
import { GraphQLError } from 'graphql';
import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Points per window of seconds, per key (an account, or an IP for the anonymous). */
interface RateLimit {
  points: number;
  duration: number;
}

export interface RateLimitSettings {
  /** GraphQL over HTTP without a token, per IP: sign-in screens and families' tracking links. */
  anonymous: RateLimit;
  /** GraphQL over HTTP per signed-in account: one app, many screens. */
  account: RateLimit;
  /** `POST /positions` per driver: a fix every few seconds, batched beyond that. */
  positions: RateLimit;
  /** tus requests per executor (each chunk is one PATCH). */
  uploads: RateLimit;
  /** New live (graphql-ws) connections per IP. */
  liveConnections: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  // Generous: many donors share one carrier-grade NAT address; this stops floods, not people.
  anonymous: { points: 300, duration: 10 },
  account: { points: 600, duration: 10 },
  positions: { points: 60, duration: 60 },
  uploads: { points: 1200, duration: 60 },
  liveConnections: { points: 60, duration: 60 },
};

export type RateLimitKind = keyof RateLimitSettings;

/** Thrown when a key has spent its points; says when to try again. */
class RateLimited extends GraphQLError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`, {
      extensions: {
        code: ErrorCode.RateLimited,
        retryAfterSeconds,
        // Apollo Server reads a Map here; graphql-yoga's typings (pulled in by the explorer) declare a record.
        http: {
          status: 429,
          headers: new Map([['retry-after', String(retryAfterSeconds)]]) as unknown as Record<string, string>,
        },
      },
    });
  }
}

/**
 * Atomic counters in Redis (one Lua script per request, shared by every gateway replica). While Redis
 * is unreachable each replica counts in its own memory instead of letting everything through.
 */
export class RateLimits {
  private readonly limiters: Record<RateLimitKind, RateLimiterRedis>;

  constructor(redis: Redis, prefix: string, settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
    this.limiters = Object.fromEntries(
      (Object.keys(settings) as RateLimitKind[]).map((kind) => {
        const { points, duration } = settings[kind];
        return [
          kind,
          new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${prefix}rl:${kind}`,
            points,
            duration,
            insuranceLimiter: new RateLimiterMemory({ points, duration }),
          }),
        ];
      }),
    ) as Record<RateLimitKind, RateLimiterRedis>;
  }

  /** Spends one point of `key`; throws `RateLimited` when none is left. */
  async consume(kind: RateLimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
      throw refusal;
    }
  }
}

/**
 * For routes outside GraphQL: spends one point and answers 429 with `Retry-After` (JSON in the API's
 * error shape, or text) when none is left. Returns whether the request may go on.
 */
export async function withinLimit(res: ServerResponse, spend: () => Promise<void>, json: boolean): Promise<boolean> {
  try {
    await spend();
    return true;
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (json) sendError(res, 429, String(error.extensions.code), error.message);
    else res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8' }).end(`${error.message}\n`);
    return false;
  }
}
