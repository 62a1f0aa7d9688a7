import type { EntityManager } from '@mikro-orm/postgresql';

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The orders' part of the dashboard: a `GROUP BY` over the orders placed for these sites (an order
 * carries its site from the moment it is priced; one without a site yet is counted nowhere).
 */
export class DonorDashboardRepository {
  async byStatus(em: EntityManager, siteIds: string[]): Promise<{ status: string; count: number }[]> {
    if (!siteIds.length) return [];
    const rows: { status: string; n: string }[] = await em.execute(
      'select payment_status as status, count(*) as n from donor_order where site_id = any(?::uuid[]) group by payment_status',
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }
}
