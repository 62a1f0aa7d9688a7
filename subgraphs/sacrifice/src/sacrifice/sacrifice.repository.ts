import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, pageWindow, toConnection, type PageArgs, type Viewer } from '@qurbani/kit';
import { mine as ownSacrifices } from './sacrifice.policy.js';
import type { SacrificeStatus } from './sacrifice-status.js';
import { Sacrifice } from './sacrifice.entity.js';

/** Reads of sacrifice lists; every list is oldest first (UUIDv7 ids) and paged by id. */
export class SacrificeRepository {
  async listForOrganizer(em: EntityManager, filter: { siteId?: string; status?: SacrificeStatus }, page: PageArgs) {
    return this.page(em, { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.status ? { status: filter.status } : {}) }, page);
  }

  /** Executors: the ones assigned to them. Donors: the ones carrying their shares. */
  async listMine(em: EntityManager, viewer: Viewer | null, status: SacrificeStatus | undefined, page: PageArgs) {
    const mine = ownSacrifices(viewer);
    if (!mine) throw forbidden('Only donors and executors have sacrifices of their own.');
    return this.page(em, { $and: [mine, status ? { status } : {}] }, page);
  }

  private async page(em: EntityManager, where: FilterQuery<Sacrifice>, page: PageArgs) {
    const { limit, afterId } = pageWindow(page);
    const filter = afterId ? { $and: [where, { id: { $gt: afterId } }] } : where;
    const rows = await em.find(Sacrifice, filter, { orderBy: { id: 'asc' }, limit: limit + 1 });
    return toConnection(rows, page);
  }
}
