import { ErrorCode, sendError } from '@qurbani/kit';
import { GraphQLError } from 'graphql';
import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { SharedCounters, type WindowLimit } from './shared-counters.js';

/** Points per window of seconds, per key (an account, or an IP for the anonymous). */
type RateLimit = WindowLimit;

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
 * Counters per key and fixed window, shared by every gateway replica through Redis and decided in
 * each replica's memory (`SharedCounters`): a request never waits on Redis, and while Redis is
 * unreachable each replica goes on counting alone instead of letting everything through.
 */
export class RateLimits {
  private readonly counters: SharedCounters;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly settings: RateLimitSettings = DEFAULT_RATE_LIMITS,
  ) {
    this.counters = new SharedCounters(redis, `${prefix}rl:`);
  }

  /** Spends one point of `key`; throws `RateLimited` when none is left. */
  async consume(kind: RateLimitKind, key: string): Promise<void> {
    const waitMs = this.counters.spend(`${kind}:${key}`, this.settings[kind]);
    if (waitMs > 0) throw new RateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
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
