import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound, Role } from '@qurbani/kit';
import { Account } from '../account/account.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import type { SessionRevocations } from './session-revocations.js';

/** Organizers switch accounts off and on; switching off ends every sign-in of the account at once. */
export class AccountAccessService {
  constructor(
    private readonly revocations: SessionRevocations,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  async disable(em: EntityManager, accountId: string, organizerId: string): Promise<Account> {
    if (accountId === organizerId) throw forbidden('You cannot disable your own account; ask another organizer.');
    return em.transactional(async (tx) => {
      // Disables run one at a time, so two organizers cannot disable each other and leave none.
      await tx.execute(`select pg_advisory_xact_lock(hashtext('identity.disable-account'))`);
      // FOR UPDATE waits for sign-ins that are issuing a token now (they hold FOR SHARE), and makes
      // later ones see the account disabled: no session can slip between this and the revocation.
      const account = await tx.findOne(
        Account,
        { id: accountId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!account) throw notFound('Account', accountId);
      if (account.roles.includes(Role.ORGANIZER) && !account.disabledAt) {
        const organizers = await tx.count(Account, { roles: { $contains: [Role.ORGANIZER] }, disabledAt: null });
        if (organizers <= 1) throw conflict('This is the last organizer; enable or create another first.');
      }
      account.disabledAt ??= new Date();
      await tx.flush();
      await this.endSessions(tx, accountId);
      return account;
    });
  }

  async enable(em: EntityManager, accountId: string): Promise<Account> {
    const account = await em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account', accountId);
    // Sessions ended by the disable stay ended: the owner signs in again.
    account.disabledAt = null;
    await em.flush();
    return account;
  }

  /**
   * Revokes the refresh tokens and tells the gateway (Redis) to refuse the access tokens of every
   * sign-in that may still hold a valid one: a refreshable family, or one issued within an access
   * token's lifetime. Inside the transaction: if Redis fails, the account stays enabled and the
   * organizer sees the error rather than a disable that left live tokens behind.
   */
  private async endSessions(tx: EntityManager, accountId: string): Promise<void> {
    const cutoff = new Date(Date.now() - this.accessTokenTtlSeconds * 1000);
    const families: { family_id: string }[] = await tx.execute(
      `select distinct family_id from refresh_token
        where account_id = ? and ((revoked_at is null and expires_at > now()) or created_at > ?)`,
      [accountId, cutoff],
    );
    await tx.nativeUpdate(RefreshToken, { accountId, revokedAt: null }, { revokedAt: new Date() });
    await this.revocations.revokeAll(families.map((f) => f.family_id));
  }
}
