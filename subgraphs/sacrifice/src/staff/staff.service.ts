import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject } from '@qurbani/events';
import { audit, badInput, findPage, notFound, type AuditActor, type PageArgs } from '@qurbani/kit';
import { Site } from '../site/site.entity.js';
import { SiteRole } from './site-role.js';
import { SiteStaff } from './site-staff.entity.js';
import { StaffAccount } from './staff-account.entity.js';
import { whyNotStaff } from './staff.rules.js';

/**
 * Refuses (BAD_USER_INPUT on `field`) any account that is not `role` staff of the site now: it must
 * still hold the role in identity's latest announcement and have been added to the site.
 */
export async function assertWorksAt(
  em: EntityManager,
  siteId: string,
  accountIds: readonly string[],
  role: SiteRole,
  field: string,
): Promise<void> {
  const ids = [...new Set(accountIds)];
  const known = await em.find(StaffAccount, { accountId: { $in: ids } });
  const members = await em.find(SiteStaff, { siteId, role, accountId: { $in: ids } });
  for (const id of ids) {
    const why = whyNotStaff(known.find((a) => a.accountId === id) ?? null, role);
    if (why) throw badInput(`${why} (${id})`, field);
    if (!members.some((m) => m.accountId === id))
      throw badInput(`This account does not work at this site as ${role}; add it first (${id}).`, field);
  }
}

/** Organizers say who works at which site; assignments then only go to those accounts. */
export class StaffService {
  async add(em: EntityManager, actor: AuditActor, siteId: string, accountId: string, role: SiteRole) {
    return em.transactional(async (tx) => {
      if (!(await tx.count(Site, { id: siteId }))) throw notFound('Site', siteId);
      const why = whyNotStaff(await tx.findOne(StaffAccount, { accountId }), role);
      if (why) throw badInput(why, 'accountId');
      const existing = await tx.findOne(SiteStaff, { siteId, accountId, role });
      if (existing) return existing;
      const member = tx.create(SiteStaff, { siteId, accountId, role });
      enqueue(tx, Subject.SiteStaffSet, { siteId, accountId, role, active: true });
      await tx.flush();
      await audit(tx, 'sacrifice', actor, {
        action: 'site.staff-added',
        entityType: 'Site',
        entityIds: [siteId, accountId],
        after: { role },
      });
      return member;
    });
  }

  /** True when the account worked there in that role. Work already given stays with it. */
  async remove(em: EntityManager, actor: AuditActor, siteId: string, accountId: string, role: SiteRole) {
    return em.transactional(async (tx) => {
      if (!(await tx.count(Site, { id: siteId }))) throw notFound('Site', siteId);
      const removed = await tx.nativeDelete(SiteStaff, { siteId, accountId, role });
      if (!removed) return false;
      enqueue(tx, Subject.SiteStaffSet, { siteId, accountId, role, active: false });
      await tx.flush();
      await audit(tx, 'sacrifice', actor, {
        action: 'site.staff-removed',
        entityType: 'Site',
        entityIds: [siteId, accountId],
        before: { role },
      });
      return true;
    });
  }

  list(em: EntityManager, siteId: string, role: SiteRole | undefined, page: PageArgs) {
    return findPage(em, SiteStaff, role ? { siteId, role } : { siteId }, page);
  }
}
