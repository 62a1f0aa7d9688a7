import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { Season } from '../season/season.entity.js';
import { OrderShare } from '../share/order-share.entity.js';
import { Site } from '../site/site.entity.js';
import { SiteRole } from '../staff/site-role.js';
import { assertWorksAt } from '../staff/staff.service.js';
import { SacrificeStatus } from './sacrifice-status.js';
import { windowOf } from './sacrifice-window.rules.js';
import { emitAssigned } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';
import type { QuotaAssignmentResult } from './sacrifice.results.js';

const MAX_EXECUTORS = 200;
const MAX_QUOTA = 1000;
/** Until it is performed, a sacrifice may move to another executor (one fell ill, a site is behind). */
const REASSIGNABLE: readonly SacrificeStatus[] = [SacrificeStatus.ALLOCATED, SacrificeStatus.ASSIGNED];

export class AssignmentService {
  constructor(private readonly now: () => Date) {}

  async assignOne(em: EntityManager, actor: AuditActor, sacrificeId: string, executorId: string): Promise<Sacrifice> {
    return em.transactional(async (tx) => {
      const s = await tx.findOne(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('Sacrifice', sacrificeId);
      if (!REASSIGNABLE.includes(s.status))
        throw conflict(`This sacrifice is already ${s.status.toLowerCase()}; it can no longer be assigned.`);
      if (s.executorId === executorId) return s;
      const site = await tx.findOneOrFail(Site, { id: s.siteId });
      await assertWorksAt(tx, site.id, [executorId], SiteRole.EXECUTOR, 'executorId');
      const names = await this.namesOf(tx, [s.id]);
      const before = { status: s.status, executorId: s.executorId };
      this.assign(tx, s, executorId, await this.windowEnd(tx, site), site.timeZone, names.get(s.id) ?? []);
      await tx.flush();
      await audit(tx, 'sacrifice', actor, {
        action: 'sacrifice.assigned',
        entityType: 'Sacrifice',
        entityIds: [s.id],
        before,
        after: { status: s.status, executorId },
      });
      return s;
    });
  }

  /** Executors in the given order each take up to `quota` of the site's oldest unassigned sacrifices. */
  async assignByQuota(
    em: EntityManager,
    actor: AuditActor,
    siteId: string,
    executorIds: string[],
    quota: number,
  ): Promise<QuotaAssignmentResult> {
    const executors = [...new Set(executorIds.map((id) => assertId(id, 'executorIds')))];
    if (executors.length === 0 || executors.length > MAX_EXECUTORS)
      throw badInput(`Give 1 to ${MAX_EXECUTORS} executors.`, 'executorIds');
    if (!Number.isInteger(quota) || quota < 1 || quota > MAX_QUOTA)
      throw badInput(`quota must be between 1 and ${MAX_QUOTA}.`, 'quota');
    return em.transactional(async (tx) => {
      const site = await tx.findOne(Site, { id: siteId });
      if (!site) throw notFound('Site', siteId);
      await assertWorksAt(tx, siteId, executors, SiteRole.EXECUTOR, 'executorIds');
      // SKIP LOCKED: a sacrifice being assigned one by one right now is simply left to that call.
      const open = await tx.find(
        Sacrifice,
        { siteId, status: SacrificeStatus.ALLOCATED, executorId: null },
        {
          orderBy: { id: 'asc' },
          limit: executors.length * quota,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      const names = await this.namesOf(
        tx,
        open.map((s) => s.id),
      );
      const result: QuotaAssignmentResult = { assigned: 0, stillUnassigned: 0, executors: [] };
      const windowEndsAt = await this.windowEnd(tx, site);
      executors.forEach((executorId, i) => {
        const batch = open.slice(i * quota, (i + 1) * quota);
        for (const s of batch) this.assign(tx, s, executorId, windowEndsAt, site.timeZone, names.get(s.id) ?? []);
        result.executors.push({ executor: { id: executorId }, assigned: batch.length });
        result.assigned += batch.length;
      });
      await tx.flush();
      result.stillUnassigned = await tx.count(Sacrifice, { siteId, status: SacrificeStatus.ALLOCATED });
      // One record per call: the site, and how many each executor took (the sacrifices' own trail is their events).
      await audit(tx, 'sacrifice', actor, {
        action: 'sacrifice.assigned-by-quota',
        entityType: 'Site',
        entityIds: [siteId, ...executors],
        after: { assigned: result.assigned, stillUnassigned: result.stillUnassigned, quota },
      });
      return result;
    });
  }

  private assign(
    tx: EntityManager,
    s: Sacrifice,
    executorId: string,
    windowEndsAt: Date,
    timeZone: string,
    names: string[],
  ): void {
    const at = this.now();
    s.executorId = executorId;
    s.status = SacrificeStatus.ASSIGNED;
    s.assignedAt = at;
    emitAssigned(tx, s, at, { timeZone, names, windowEndsAt });
  }

  /** When the site's sacrifice window closes: reviewers put videos whose window ends first at the top. */
  private async windowEnd(tx: EntityManager, site: Site): Promise<Date> {
    return windowOf(await tx.findOneOrFail(Season, { id: site.seasonId }), site).endsAt;
  }

  /** The names to pronounce per sacrifice (one query for a whole batch), in share order. */
  private async namesOf(tx: EntityManager, sacrificeIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (sacrificeIds.length === 0) return names;
    const shares = await tx.find(
      OrderShare,
      { sacrificeId: { $in: sacrificeIds } },
      { orderBy: { shareId: 'asc' }, fields: ['shareId', 'sacrificeId', 'offeredFor'] },
    );
    for (const share of shares)
      names.set(share.sacrificeId!, [...(names.get(share.sacrificeId!) ?? []), share.offeredFor]);
    return names;
  }
}
