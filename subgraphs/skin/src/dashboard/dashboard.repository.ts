import type { EntityManager } from '@mikro-orm/postgresql';

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The hides' part of the dashboard, by site. A `GROUP BY` over the hides of the sites' sacrifices
 * (`allocated_sacrifice_site_id_index`, then the hide's unique `sacrifice_id`), never a whole-table scan
 * per request; at-risk hides come from the `(status, preserve_by)` index.
 */
export class HideDashboardRepository {
  async byStatus(em: EntityManager, siteIds: string[]) {
    const rows: { status: string; n: string }[] = await em.execute(
      `select h.status, count(*) as n from hide h join allocated_sacrifice a on a.sacrifice_id = h.sacrifice_id
        where a.site_id = any(?::uuid[]) group by h.status`,
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  async atRisk(em: EntityManager, siteIds: string[], deadline: Date): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(
      `select count(*) as n from hide h join allocated_sacrifice a on a.sacrifice_id = h.sacrifice_id
        where h.status = 'COLLECTED' and h.preserve_by <= ? and a.site_id = any(?::uuid[])`,
      [deadline, pgArray(siteIds)],
    );
    return Number(row?.n ?? 0);
  }

  /** A lot counts for the season when any of its hides came from one of its sites. */
  async proceeds(em: EntityManager, siteIds: string[]) {
    const rows: { currency: string; n: string }[] = await em.execute(
      `select s.currency, sum(s.proceeds_minor) as n from sale s
        where exists (select 1 from hide h join allocated_sacrifice a on a.sacrifice_id = h.sacrifice_id
                       where h.lot_id = s.lot_id and a.site_id = any(?::uuid[]))
        group by s.currency order by s.currency`,
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ currency: r.currency, amountMinor: Number(r.n) }));
  }
}
