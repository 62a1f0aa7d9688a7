import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, findPage, notFound, type PageArgs } from '@qurbani/kit';
import { AllocatedSacrifice } from '@qurbani/events';
import { Hide } from './hide.entity.js';
import { HideGrade, HideStatus } from './hide.enums.js';
import { atRiskDeadline, preserveByOf } from './hide-deadline.rules.js';

export interface HideFilter {
  status?: HideStatus;
  atRisk?: boolean;
}

/** Clock skew we accept from field phones before calling a time "in the future". */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export class HideService {
  constructor(
    private readonly now: () => Date,
    private readonly preserveWindowMs: number,
  ) {}

  /** Records the hide of a sacrificed animal and starts its preservation deadline. */
  async record(em: EntityManager, input: { sacrificeId: string; collectedAt: Date; weightKg: number }): Promise<Hide> {
    this.assertNotFuture(input.collectedAt, 'collectedAt');
    if (!Number.isFinite(input.weightKg) || input.weightKg <= 0 || input.weightKg > 200) {
      throw badInput('weightKg must be more than 0 and at most 200.', 'weightKg');
    }
    const allocation = await em.findOne(AllocatedSacrifice, { sacrificeId: input.sacrificeId });
    if (!allocation) throw notFound('Sacrifice', input.sacrificeId);
    if (await em.count(Hide, { allocation })) throw conflict('This sacrifice already has a hide.');
    const hide = em.create(Hide, {
      allocation,
      siteId: allocation.siteId,
      species: allocation.species,
      collectedAt: input.collectedAt,
      preserveBy: preserveByOf(input.collectedAt, this.preserveWindowMs),
      weightKg: Math.round(input.weightKg * 100) / 100,
      updatedAt: this.now(),
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('This sacrifice already has a hide.');
      throw error;
    }
    return hide;
  }

  preserve(em: EntityManager, id: string, at: Date = this.now()): Promise<Hide> {
    this.assertNotFuture(at, 'at');
    return this.change(em, id, [HideStatus.COLLECTED], (hide) => {
      if (at < hide.collectedAt) throw badInput('A hide cannot be preserved before it was collected.', 'at');
      hide.preservedAt = at;
      hide.status = HideStatus.PRESERVED;
    });
  }

  /** Grades a preserved hide; a graded one may be re-graded until it goes into a lot. */
  grade(em: EntityManager, id: string, grade: HideGrade): Promise<Hide> {
    return this.change(em, id, [HideStatus.PRESERVED, HideStatus.GRADED], (hide) => {
      hide.grade = grade;
      hide.status = HideStatus.GRADED;
    });
  }

  markSpoiled(em: EntityManager, id: string): Promise<Hide> {
    return this.change(em, id, [HideStatus.COLLECTED, HideStatus.PRESERVED, HideStatus.GRADED], (hide) => {
      hide.status = HideStatus.SPOILED;
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
    return findPage(em, Hide, { $and: [filter.status ? { status: filter.status } : {}, risk] }, page, {
      withTotal: true,
    });
  }

  private assertNotFuture(at: Date, field: string) {
    if (at.getTime() > this.now().getTime() + FUTURE_SKEW_MS) throw badInput(`${field} is in the future.`, field);
  }

  private change(em: EntityManager, id: string, from: HideStatus[], apply: (hide: Hide) => void): Promise<Hide> {
    return em.transactional(async (tx) => {
      const hide = await tx.findOne(Hide, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!hide) throw notFound('Hide', id);
      if (!from.includes(hide.status)) throw conflict(`This hide is ${hide.status}; expected ${from.join(' or ')}.`);
      apply(hide);
      hide.updatedAt = this.now();
      return hide;
    });
  }
}
