import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import type { Account } from './account.entity.js';

/**
 * Tells the subgraphs that give work to staff what this account may do (in the caller's transaction,
 * through the outbox). Donor-only accounts are not announced: no one assigns work to them.
 */
export function announceRoles(em: EntityManager, account: Account): void {
  if (account.roles.every((r) => r === Role.DONOR)) return;
  enqueue(em, Subject.AccountRolesSet, {
    accountId: account.id,
    roles: [...account.roles],
    disabled: !!account.disabledAt,
  });
}
