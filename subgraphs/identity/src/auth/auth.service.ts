import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, newId, sha256, unauthenticated } from '@qurbani/kit';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Account } from '../account/account.entity.js';
import type { AccountService } from '../account/account.service.js';
import type { IdentityConfig } from '../config.js';
import { signAccessToken } from './access-token.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocations } from './session-revocations.js';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  account: Account;
}

const FAILED_SIGN_IN_LIMIT = 10;
const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;
const BAD_CREDENTIALS = 'The login or password is wrong.';

export class AuthService {
  private readonly revocations: SessionRevocations;

  constructor(private readonly config: IdentityConfig, private readonly accounts: AccountService, private readonly redis: Redis) {
    this.revocations = new SessionRevocations(redis, config.redisPrefix, config.accessTokenTtlSeconds);
  }

  async signIn(em: EntityManager, login: string, password: string): Promise<IssuedTokens> {
    const digest = this.accounts.digestOf(login);
    const failuresKey = `${this.config.redisPrefix}signin-failures:${digest}`;
    const failures = Number(await this.redis.get(failuresKey)) || 0;
    if (failures >= FAILED_SIGN_IN_LIMIT) {
      throw new DomainError(ErrorCode.RateLimited, 'Too many failed sign-ins; try again in 15 minutes.');
    }
    const account = await em.findOne(Account, { loginDigest: digest, disabledAt: null });
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) {
      await this.redis.multi().incr(failuresKey).expire(failuresKey, FAILED_SIGN_IN_WINDOW_SECONDS).exec();
      throw unauthenticated(BAD_CREDENTIALS);
    }
    await this.redis.del(failuresKey);
    return this.issue(em, account, newId());
  }

  /** Uses up one refresh token and issues the next of its family; a reused one revokes the family. */
  async refresh(em: EntityManager, refreshToken: string): Promise<IssuedTokens> {
    const stored = await em.findOne(RefreshToken, { tokenDigest: sha256(refreshToken) });
    if (!stored || stored.revokedAt || stored.expiresAt < new Date()) throw unauthenticated('This refresh token is not valid; sign in again.');
    if (stored.usedAt) {
      await this.revokeFamily(em, stored.familyId);
      throw unauthenticated('This refresh token was already used; every session of this sign-in was ended. Sign in again.');
    }
    // Conditional update: of two concurrent refreshes with the same token, exactly one wins.
    const claimed = await em.nativeUpdate(RefreshToken, { id: stored.id, usedAt: null }, { usedAt: new Date() });
    if (claimed === 0) {
      await this.revokeFamily(em, stored.familyId);
      throw unauthenticated('This refresh token was already used; every session of this sign-in was ended. Sign in again.');
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
    em.create(RefreshToken, {
      familyId,
      accountId: account.id,
      tokenDigest: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000),
    });
    await em.flush();
    const access = signAccessToken(
      { accountId: account.id, roles: account.roles, sessionId: familyId },
      this.config.accessTokenSecret,
      this.config.accessTokenTtlSeconds,
    );
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, account };
  }
}
