import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findPage, forbidden, type PageArgs, type Viewer } from '@qurbani/kit';
import { mine as ownSacrifices } from './sacrifice.policy.js';
import type { SacrificeStatus } from './sacrifice-status.js';
import { Sacrifice } from './sacrifice.entity.js';

/** Reads of sacrifice lists; every list is oldest first (UUIDv7 ids) and paged by id. */
export class SacrificeRepository {
  async listForOrganizer(em: EntityManager, filter: { siteId?: string; status?: SacrificeStatus }, page: PageArgs) {
    return this.page(
      em,
      { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      page,
    );
  }

  /** Executors: the ones assigned to them. Donors: the ones carrying their shares. */
  async listMine(em: EntityManager, viewer: Viewer | null, status: SacrificeStatus | undefined, page: PageArgs) {
    const mine = ownSacrifices(viewer);
    if (!mine) throw forbidden('Only donors and executors have sacrifices of their own.');
    return this.page(em, { $and: [mine, status ? { status } : {}] }, page);
  }

  private page(em: EntityManager, where: FilterQuery<Sacrifice>, page: PageArgs) {
    return findPage(em, Sacrifice, where, page);
  }
}
