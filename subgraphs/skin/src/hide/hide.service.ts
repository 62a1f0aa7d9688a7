import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, badInput, conflict, findPage, notFound, type AuditActor, type PageArgs } from '@qurbani/kit';
import { AllocatedSacrifice, SacrificeProgress } from '@qurbani/events';
import { Hide } from './hide.entity.js';
import { HideGrade, HideStatus } from './hide.enums.js';
import { atRiskDeadline, preserveByOf } from './hide-deadline.rules.js';
import { seasonOf } from './season.js';

export interface HideFilter {
  status?: HideStatus;
  atRisk?: boolean;
  siteId?: string;
  store?: string;
}

const cleanStore = (store: string | null | undefined): string | null => {
  const s = store?.trim();
  if (!s) return null;
  if (s.length > 80) throw badInput('store is at most 80 characters.', 'store');
  return s;
};

/** Clock skew we accept from field phones before calling a time "in the future". */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export class HideService {
  constructor(
    private readonly now: () => Date,
    private readonly preserveWindowMs: number,
  ) {}

  /** Records the hide of a sacrificed animal (never before it was performed) and starts its deadline. */
  async record(
    em: EntityManager,
    actor: AuditActor,
    input: { sacrificeId: string; collectedAt: Date; weightKg: number; store?: string | null },
  ): Promise<Hide> {
    this.assertNotFuture(input.collectedAt, 'collectedAt');
    if (!Number.isFinite(input.weightKg) || input.weightKg <= 0 || input.weightKg > 200) {
      throw badInput('weightKg must be more than 0 and at most 200.', 'weightKg');
    }
    const allocation = await em.findOne(AllocatedSacrifice, { sacrificeId: input.sacrificeId });
    if (!allocation) throw notFound('Sacrifice', input.sacrificeId);
    if (!(await em.count(SacrificeProgress, { sacrificeId: input.sacrificeId, performedAt: { $ne: null } })))
      throw conflict('This sacrifice is not performed yet: record the sacrifice before its hide.');
    if (await em.count(Hide, { allocation })) throw conflict('This sacrifice already has a hide.');
    const store = cleanStore(input.store);
    const hide = em.create(Hide, {
      allocation,
      siteId: allocation.siteId,
      species: allocation.species,
      season: seasonOf(input.collectedAt),
      store,
      collectedBy: actor.viewer?.id ?? null,
      collectedAt: input.collectedAt,
      preserveBy: preserveByOf(input.collectedAt, this.preserveWindowMs),
      weightKg: Math.round(input.weightKg * 100) / 100,
      updatedAt: this.now(),
    });
    try {
      await em.transactional(async (tx) => {
        tx.persist(hide);
        await tx.flush();
        await audit(tx, 'skin', actor, {
          action: 'hide.recorded',
          entityType: 'Hide',
          entityIds: [hide.id, input.sacrificeId],
          after: { status: hide.status, weightKg: hide.weightKg, preserveBy: hide.preserveBy.toISOString(), store },
        });
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('This sacrifice already has a hide.');
      throw error;
    }
    return hide;
  }

  preserve(
    em: EntityManager,
    actor: AuditActor,
    id: string,
    at: Date = this.now(),
    store?: string | null,
  ): Promise<Hide> {
    this.assertNotFuture(at, 'at');
    const where = cleanStore(store);
    return this.change(em, actor, 'hide.preserved', id, [HideStatus.COLLECTED], (hide) => {
      if (at < hide.collectedAt) throw badInput('A hide cannot be preserved before it was collected.', 'at');
      // Salted after its deadline is too late: the sweep marks it SPOILED instead.
      if (at > hide.preserveBy) throw conflict('This hide passed its preserveBy time unsalted; it is spoiled.');
      hide.preservedAt = at;
      hide.status = HideStatus.PRESERVED;
      if (where) hide.store = where;
    });
  }

  /** Grades a preserved hide; a graded one may be re-graded until it goes into a lot. */
  grade(em: EntityManager, actor: AuditActor, id: string, grade: HideGrade): Promise<Hide> {
    return this.change(em, actor, 'hide.graded', id, [HideStatus.PRESERVED, HideStatus.GRADED], (hide) => {
      hide.grade = grade;
      hide.status = HideStatus.GRADED;
    });
  }

  markSpoiled(em: EntityManager, actor: AuditActor, id: string): Promise<Hide> {
    const from = [HideStatus.COLLECTED, HideStatus.PRESERVED, HideStatus.GRADED];
    return this.change(em, actor, 'hide.spoiled', id, from, (hide) => {
      hide.status = HideStatus.SPOILED;
      hide.spoiledAt = this.now();
    });
  }

  async list(em: EntityManager, filter: HideFilter, page: PageArgs) {
    const deadline = atRiskDeadline(this.now());
    const risk =
      filter.atRisk === undefined
        ? {}
        : filter.atRisk
          ? { status: HideStatus.COLLECTED, preserveBy: { $lte: deadline } }
          : { $or: [{ status: { $ne: HideStatus.COLLECTED } }, { preserveBy: { $gt: deadline } }] };
    const where = [
      filter.status ? { status: filter.status } : {},
      risk,
      filter.siteId ? { allocation: { siteId: filter.siteId } } : {},
      filter.store ? { store: filter.store } : {},
    ];
    return findPage(em, Hide, { $and: where }, page, {
      withTotal: true,
    });
  }

  private assertNotFuture(at: Date, field: string) {
    if (at.getTime() > this.now().getTime() + FUTURE_SKEW_MS) throw badInput(`${field} is in the future.`, field);
  }

  private change(
    em: EntityManager,
    actor: AuditActor,
    action: string,
    id: string,
    from: HideStatus[],
    apply: (hide: Hide) => void,
  ): Promise<Hide> {
    return em.transactional(async (tx) => {
      const hide = await tx.findOne(Hide, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!hide) throw notFound('Hide', id);
      if (!from.includes(hide.status)) throw conflict(`This hide is ${hide.status}; expected ${from.join(' or ')}.`);
      const before = { status: hide.status, grade: hide.grade };
      apply(hide);
      hide.updatedAt = this.now();
      await tx.flush();
      await audit(tx, 'skin', actor, {
        action,
        entityType: 'Hide',
        entityIds: [hide.id],
        before,
        after: { status: hide.status, grade: hide.grade, store: hide.store },
      });
      return hide;
    });
  }
}
