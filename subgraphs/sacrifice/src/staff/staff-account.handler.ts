import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';
import { StaffAccount } from './staff-account.entity.js';

/** Keeps the copy of an account's roles current (the latest announcement wins). */
export async function onAccountRolesSet(
  em: EntityManager,
  payload: EventPayload<typeof Subject.AccountRolesSet>,
): Promise<void> {
  const accountId = assertId(payload.accountId, 'accountId');
  await em
    .createQueryBuilder(StaffAccount)
    .insert({ accountId, roles: [...payload.roles], disabled: payload.disabled, updatedAt: new Date() })
    .onConflict('accountId')
    .merge(['roles', 'disabled', 'updatedAt'])
    .execute('run');
}
