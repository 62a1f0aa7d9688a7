import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, badInput, conflict, findPage, notFound, type AuditActor, type PageArgs } from '@qurbani/kit';
import { Buyer } from '../buyer/buyer.entity.js';
import { Hide } from '../hide/hide.entity.js';
import { HideGrade, HideStatus } from '../hide/hide.enums.js';
import { Sale } from '../sale/sale.entity.js';
import { Lot, LotStatus } from './lot.entity.js';

const MAX_MINOR = 2_147_483_647;

export interface SellInput {
  lotId: string;
  buyerId: string;
  priceMinor: number;
  feesMinor?: number;
  currency: string;
}

export class LotService {
  constructor(private readonly now: () => Date) {}

  /** Groups graded, sellable hides that are in no other lot. */
  async create(em: EntityManager, actor: AuditActor, input: { code: string; hideIds: string[] }): Promise<Lot> {
    const code = input.code.trim();
    if (!code || code.length > 40) throw badInput('Give a code of 1 to 40 characters.', 'code');
    const hideIds = [...new Set(input.hideIds)];
    if (hideIds.length === 0) throw badInput('A lot needs at least one hide.', 'hideIds');
    if (hideIds.length > 1000) throw badInput('A lot holds at most 1000 hides.', 'hideIds');
    return this.unique(() =>
      em.transactional(async (tx) => {
        if (await tx.count(Lot, { code })) throw conflict(`A lot with code ${code} already exists.`);
        // Locked, so the same hide cannot go into two lots created at once.
        const hides = await tx.find(
          Hide,
          { id: { $in: hideIds } },
          { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
        );
        const missing = hideIds.find((id) => !hides.some((h) => h.id === id));
        if (missing) throw notFound('Hide', missing);
        for (const hide of hides) {
          if (hide.status === HideStatus.IN_LOT || hide.status === HideStatus.SOLD)
            throw conflict(`Hide ${hide.id} is already in a lot.`);
          if (hide.status !== HideStatus.GRADED)
            throw badInput(`Hide ${hide.id} is ${hide.status}; only graded hides go into a lot.`, 'hideIds');
          if (hide.grade === HideGrade.REJECTED)
            throw badInput(`Hide ${hide.id} was graded REJECTED and cannot be sold.`, 'hideIds');
        }
        const totalWeightKg = Math.round(hides.reduce((sum, h) => sum + h.weightKg * 100, 0)) / 100;
        const lot = tx.create(Lot, { code, totalWeightKg, createdAt: this.now() });
        for (const hide of hides) Object.assign(hide, { lot, status: HideStatus.IN_LOT, updatedAt: this.now() });
        await tx.flush();
        await audit(tx, 'skin', actor, {
          action: 'lot.created',
          entityType: 'Lot',
          entityIds: [lot.id, ...hides.map((h) => h.id)],
          after: { status: lot.status, code, hides: hides.length, totalWeightKg },
        });
        return lot;
      }),
    );
  }

  close(em: EntityManager, actor: AuditActor, lotId: string): Promise<Lot> {
    return em.transactional(async (tx) => {
      const lot = await tx.findOne(Lot, { id: lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!lot) throw notFound('Lot', lotId);
      if (lot.status !== LotStatus.OPEN) throw conflict(`This lot is ${lot.status}.`);
      lot.status = LotStatus.CLOSED;
      await tx.flush();
      await audit(tx, 'skin', actor, {
        action: 'lot.closed',
        entityType: 'Lot',
        entityIds: [lot.id],
        before: { status: LotStatus.OPEN },
        after: { status: LotStatus.CLOSED },
      });
      return lot;
    });
  }

  /** Sells a CLOSED lot, once; its hides become SOLD with it. */
  async sell(em: EntityManager, actor: AuditActor, input: SellInput): Promise<Sale> {
    const currency = input.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw badInput('currency must be an ISO 4217 code such as EUR.', 'currency');
    const feesMinor = input.feesMinor ?? 0;
    for (const [field, value] of [
      ['priceMinor', input.priceMinor],
      ['feesMinor', feesMinor],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_MINOR)
        throw badInput(`${field} must be a whole number of minor units, 0 or more.`, field);
    }
    if (input.priceMinor === 0) throw badInput('priceMinor must be more than 0.', 'priceMinor');
    if (feesMinor > input.priceMinor) throw badInput('feesMinor cannot exceed the price.', 'feesMinor');
    return this.unique(() =>
      em.transactional(async (tx) => {
        const lot = await tx.findOne(Lot, { id: input.lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!lot) throw notFound('Lot', input.lotId);
        if (lot.status === LotStatus.SOLD) throw conflict('This lot was already sold.');
        if (lot.status !== LotStatus.CLOSED) throw conflict('Close the lot before selling it.');
        const buyer = await tx.findOne(Buyer, { id: input.buyerId });
        if (!buyer) throw notFound('Buyer', input.buyerId);
        const soldAt = this.now();
        lot.status = LotStatus.SOLD;
        await tx.nativeUpdate(Hide, { lot }, { status: HideStatus.SOLD, updatedAt: soldAt });
        const sale = tx.create(Sale, {
          lot,
          buyer,
          priceMinor: input.priceMinor,
          feesMinor,
          proceedsMinor: input.priceMinor - feesMinor,
          currency,
          soldAt,
        });
        await tx.flush();
        await audit(tx, 'skin', actor, {
          action: 'lot.sold',
          entityType: 'Sale',
          entityIds: [sale.id, lot.id, buyer.id],
          before: { status: LotStatus.CLOSED },
          after: { status: LotStatus.SOLD, priceMinor: sale.priceMinor, feesMinor, currency },
        });
        return sale;
      }),
    );
  }

  async list(em: EntityManager, status: LotStatus | undefined, page: PageArgs) {
    return findPage(em, Lot, status ? { status } : {}, page);
  }

  /** The constraint is the last word when two organizers race past the checks above. */
  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('Someone else just did the same; reload and try again.');
      throw error;
    }
  }
}
