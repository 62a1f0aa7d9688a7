import type { EntityManager } from '@mikro-orm/postgresql';

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The hides' part of the dashboard, by site: index-only `GROUP BY`s on `hide (site_id, status,
 * preserve_by)` (the site is copied onto the hide when it is recorded), never a join or a scan of
 * the whole table per request. Sales join their lot's hides through `hide_lot_id_index`.
 */
export class HideDashboardRepository {
  async byStatus(em: EntityManager, siteIds: string[]) {
    const rows: { status: string; n: string }[] = await em.execute(
      'select status, count(*) as n from hide where site_id = any(?::uuid[]) group by status',
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  async atRisk(em: EntityManager, siteIds: string[], deadline: Date): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(
      `select count(*) as n from hide where site_id = any(?::uuid[]) and status = 'COLLECTED' and preserve_by <= ?`,
      [pgArray(siteIds), deadline],
    );
    return Number(row?.n ?? 0);
  }

  /** A lot counts for the season when any of its hides came from one of its sites. */
  async proceeds(em: EntityManager, siteIds: string[]) {
    const rows: { currency: string; n: string }[] = await em.execute(
      `select s.currency, sum(s.proceeds_minor) as n from sale s
        where exists (select 1 from hide h where h.lot_id = s.lot_id and h.site_id = any(?::uuid[]))
        group by s.currency order by s.currency`,
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ currency: r.currency, amountMinor: Number(r.n) }));
  }
}
