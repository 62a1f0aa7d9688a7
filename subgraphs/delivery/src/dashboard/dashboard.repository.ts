import type { EntityManager } from '@mikro-orm/postgresql';

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The deliveries' part of the dashboard: a delivery belongs to the site of the animal its pack was
 * cut from (this subgraph's `allocated_sacrifice` copy, indexed by site).
 */
export class DeliveryDashboardRepository {
  async byStatus(em: EntityManager, siteIds: string[]): Promise<{ status: string; count: number }[]> {
    if (!siteIds.length) return [];
    const rows: { status: string; n: string }[] = await em.execute(
      'select d.status, count(*) as n from delivery d join meat_pack p on p.id = d.pack_id join allocated_sacrifice s on s.sacrifice_id = p.sacrifice_id where s.site_id = any(?::uuid[]) group by d.status',
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }
}
