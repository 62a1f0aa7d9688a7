import { DomainError, ErrorCode } from '@qurbani/kit';
import type { Redis } from 'ioredis';
import { createHmac } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthLimits, Budget } from './auth.limits.js';

/** RATE_LIMITED with the seconds to wait, which clients can show or back off by. */
function rateLimited(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(ErrorCode.RateLimited, `Too many attempts; try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });
}

/** Consumes one point of a budget; a spent budget throws RATE_LIMITED (Redis errors pass through). */
async function take(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext);
    throw error;
  }
}

/** A sign-in whose budgets were charged; call `succeeded()` once the password was right. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/** The budgets of `AuthLimits` on Redis (policy: auth.limits.ts). Keys hold digests, never a login or an IP. */
export class AuthThrottle {
  private readonly signInAddress: RateLimiterRedis;
  private readonly signInLoginAddress: RateLimiterRedis;
  private readonly signInLogin: RateLimiterRedis;
  private readonly registerAddress: RateLimiterRedis;
  private readonly registerLogin: RateLimiterRedis;
  private readonly refreshAddress: RateLimiterRedis;
  private readonly refreshAccount: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly piiKey: string,
    private readonly limits: AuthLimits,
  ) {
    const limiter = (name: string, budget: Budget) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rl:${name}`,
        points: budget.points,
        duration: budget.seconds,
      });
    this.signInAddress = limiter('signin-ip', limits.signInPerAddress);
    this.signInLoginAddress = limiter('signin-login-ip', limits.signInPerLoginAndAddress);
    this.signInLogin = limiter('signin-login', limits.signInPerLoginFromNewAddresses);
    this.registerAddress = limiter('register-ip', limits.registerPerAddress);
    this.registerLogin = limiter('register-login', limits.registerPerLogin);
    this.refreshAddress = limiter('refresh-ip', limits.refreshPerAddress);
    this.refreshAccount = limiter('refresh-account', limits.refreshPerAccount);
  }

  /** Charges a sign-in to its budgets, before any password work. */
  async signIn(loginDigest: string, ip: string | null): Promise<SignInAttempt> {
    const address = this.addressKey(ip);
    const loginAddress = `${loginDigest}:${address}`;
    const known = ip !== null && (await this.redis.exists(this.knownKey(loginAddress))) === 1;
    await take(this.signInAddress, address);
    await take(this.signInLoginAddress, loginAddress);
    if (!known) await take(this.signInLogin, loginDigest);
    return {
      succeeded: async () => {
        await Promise.all([
          this.signInAddress.reward(address, 1),
          this.signInLoginAddress.delete(loginAddress),
          known ? undefined : this.signInLogin.reward(loginDigest, 1),
          this.remember(loginAddress, ip),
        ]);
      },
    };
  }

  /** Charges a registration, before the login is checked or the password hashed. */
  async register(loginDigest: string, ip: string | null): Promise<void> {
    await take(this.registerAddress, this.addressKey(ip));
    await take(this.registerLogin, loginDigest);
  }

  /** The address the account was registered from is its owner's. */
  async registered(loginDigest: string, ip: string | null): Promise<void> {
    await this.remember(`${loginDigest}:${this.addressKey(ip)}`, ip);
  }

  /** Charges a refresh to its address, before the token is looked up. */
  refreshFrom(ip: string | null): Promise<void> {
    return take(this.refreshAddress, this.addressKey(ip));
  }

  /** Charges a refresh to the account the token belongs to. */
  refreshOf(accountId: string): Promise<void> {
    return take(this.refreshAccount, accountId);
  }

  private async remember(loginAddress: string, ip: string | null): Promise<void> {
    if (ip !== null)
      await this.redis.set(this.knownKey(loginAddress), '1', 'EX', this.limits.knownAddressDays * 86_400);
  }

  private knownKey(loginAddress: string): string {
    return `${this.prefix}signin-known:${loginAddress}`;
  }

  /** Keyed digest of the IP: Redis keys then say nothing about who connected from where. */
  private addressKey(ip: string | null): string {
    return createHmac('sha256', this.piiKey)
      .update(ip ?? 'unknown')
      .digest('hex')
      .slice(0, 32);
  }
}
