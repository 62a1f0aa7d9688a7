import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId, sha256, unauthenticated } from '@qurbani/kit';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Account } from '../account/account.entity.js';
import type { AccountService } from '../account/account.service.js';
import type { IdentityConfig } from '../config.js';
import { signAccessToken } from './access-token.js';
import { DEFAULT_AUTH_LIMITS } from './auth.limits.js';
import { AuthThrottle } from './auth.throttle.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocations } from './session-revocations.js';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  account: Account;
}

const BAD_CREDENTIALS = 'The login or password is wrong.';

export class AuthService {
  private readonly revocations: SessionRevocations;
  private readonly throttle: AuthThrottle;

  constructor(
    private readonly config: IdentityConfig,
    private readonly accounts: AccountService,
    redis: Redis,
  ) {
    this.revocations = new SessionRevocations(redis, config.redisPrefix, config.accessTokenTtlSeconds);
    this.throttle = new AuthThrottle(redis, config.redisPrefix, config.piiKey, {
      ...DEFAULT_AUTH_LIMITS,
      ...config.authLimits,
    });
  }

  /** `ip` is the client's address as the gateway saw it; the budgets are charged before any scrypt. */
  async signIn(em: EntityManager, login: string, password: string, ip: string | null): Promise<IssuedTokens> {
    const digest = this.accounts.digestOf(login);
    const attempt = await this.throttle.signIn(digest, ip);
    const account = await em.findOne(Account, { loginDigest: digest, disabledAt: null });
    this.config.onPasswordWork?.('verify');
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) throw unauthenticated(BAD_CREDENTIALS);
    await attempt.succeeded();
    return this.issue(em, account, newId());
  }

  /** A donor creates their account and is signed in with it (one hash, no second verification). */
  async register(
    em: EntityManager,
    input: { login: string; password: string; displayName: string },
    ip: string | null,
  ): Promise<IssuedTokens> {
    const digest = this.accounts.digestOf(input.login);
    await this.throttle.register(digest, ip);
    const account = await this.accounts.registerDonor(em, input);
    await this.throttle.registered(digest, ip);
    return this.issue(em, account, newId());
  }

  /** Uses up one refresh token and issues the next of its family; a reused one revokes the family. */
  async refresh(em: EntityManager, refreshToken: string, ip: string | null): Promise<IssuedTokens> {
    await this.throttle.refreshFrom(ip);
    const stored = await em.findOne(RefreshToken, { tokenDigest: sha256(refreshToken) });
    if (!stored || stored.revokedAt || stored.expiresAt < new Date())
      throw unauthenticated('This refresh token is not valid; sign in again.');
    await this.throttle.refreshOf(stored.accountId);
    if (stored.usedAt) {
      await this.revokeFamily(em, stored.familyId);
      throw unauthenticated(
        'This refresh token was already used; every session of this sign-in was ended. Sign in again.',
      );
    }
    // Conditional update: of two concurrent refreshes with the same token, exactly one wins.
    const claimed = await em.nativeUpdate(RefreshToken, { id: stored.id, usedAt: null }, { usedAt: new Date() });
    if (claimed === 0) {
      await this.revokeFamily(em, stored.familyId);
      throw unauthenticated(
        'This refresh token was already used; every session of this sign-in was ended. Sign in again.',
      );
    }
    const account = await em.findOne(Account, { id: stored.accountId, disabledAt: null });
    if (!account) throw unauthenticated('This account is disabled.');
    return this.issue(em, account, stored.familyId);
  }

  /** Ends the sign-in the refresh token belongs to, including its live access tokens. */
  async signOut(em: EntityManager, refreshToken: string, accountId: string): Promise<boolean> {
    const stored = await em.findOne(RefreshToken, { tokenDigest: sha256(refreshToken), accountId });
    if (!stored) return false;
    await this.revokeFamily(em, stored.familyId);
    return true;
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
    await this.revocations.revoke(familyId);
  }

  private async issue(em: EntityManager, account: Account, familyId: string): Promise<IssuedTokens> {
    const refreshToken = `${randomBytes(32).toString('base64url')}`;
    await em.transactional(async (tx) => {
      // FOR SHARE against disableAccount's FOR UPDATE: either it waits for this token (and then
      // revokes it with the others) or it committed first and this sign-in is refused.
      const enabled = await tx.findOne(
        Account,
        { id: account.id, disabledAt: null },
        { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
      );
      if (!enabled) throw unauthenticated('This account is disabled.');
      tx.create(RefreshToken, {
        familyId,
        accountId: account.id,
        tokenDigest: sha256(refreshToken),
        expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000),
      });
    });
    const access = signAccessToken(
      { accountId: account.id, roles: account.roles, sessionId: familyId },
      this.config.accessTokenSecret,
      this.config.accessTokenTtlSeconds,
    );
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, account };
  }
}
