import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';
import { SiteDriver } from './site-driver.entity.js';
import { StaffAccount } from './driver-account.entity.js';

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

/** Drivers added to or removed from a site; executors are the sacrifice subgraph's business. */
export async function onSiteStaffSet(em: EntityManager, payload: EventPayload<typeof Subject.SiteStaffSet>) {
  if (payload.role !== 'DRIVER') return;
  const row = { siteId: assertId(payload.siteId, 'siteId'), accountId: assertId(payload.accountId, 'accountId') };
  if (!payload.active) {
    await em.nativeDelete(SiteDriver, row);
    return;
  }
  await em.createQueryBuilder(SiteDriver).insert(row).onConflict(['siteId', 'accountId']).ignore().execute('run');
}
