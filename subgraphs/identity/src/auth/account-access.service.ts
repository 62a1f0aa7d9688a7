import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, conflict, forbidden, notFound, Role, type AuditActor } from '@qurbani/kit';
import { Account } from '../account/account.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { announceRoles } from '../account/account.events.js';
import type { SessionRevocations } from './session-revocations.js';

/** Organizers switch accounts off and on; switching off ends every sign-in of the account at once. */
export class AccountAccessService {
  constructor(
    private readonly revocations: SessionRevocations,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  async disable(em: EntityManager, actor: AuditActor, accountId: string): Promise<Account> {
    if (accountId === actor.viewer?.id) throw forbidden('You cannot disable your own account; ask another organizer.');
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
      const wasDisabled = !!account.disabledAt;
      account.disabledAt ??= new Date();
      announceRoles(tx, account);
      await tx.flush();
      await this.endSessions(tx, accountId);
      await audit(tx, 'identity', actor, {
        action: 'account.disabled',
        entityType: 'Account',
        entityIds: [accountId],
        before: { disabled: wasDisabled },
        after: { disabled: true, roles: account.roles },
      });
      return account;
    });
  }

  async enable(em: EntityManager, actor: AuditActor, accountId: string): Promise<Account> {
    return em.transactional(async (tx) => {
      const account = await tx.findOne(Account, { id: accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!account) throw notFound('Account', accountId);
      const wasDisabled = !!account.disabledAt;
      // Sessions ended by the disable stay ended: the owner signs in again.
      account.disabledAt = null;
      announceRoles(tx, account);
      await tx.flush();
      await audit(tx, 'identity', actor, {
        action: 'account.enabled',
        entityType: 'Account',
        entityIds: [accountId],
        before: { disabled: wasDisabled },
        after: { disabled: false },
      });
      return account;
    });
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
