import type { EntityManager } from '@mikro-orm/postgresql';

/** The sacrifices' part of a site's day, on `sacrifice (site_id, performed_at)` and `(site_id, status)`. */
export class SiteDayReportRepository {
  async performedByHour(em: EntityManager, siteId: string, timeZone: string, from: Date, to: Date) {
    const rows: { h: number; n: string }[] = await em.execute(
      `select extract(hour from performed_at at time zone ?)::int as h, count(*) as n from sacrifice
        where site_id = ? and performed_at >= ? and performed_at < ? group by 1`,
      [timeZone, siteId, from, to],
    );
    return Array.from({ length: 24 }, (_, hour) => Number(rows.find((r) => Number(r.h) === hour)?.n ?? 0));
  }

  async performedByStatus(em: EntityManager, siteId: string, from: Date, to: Date) {
    const rows: { status: string; n: string }[] = await em.execute(
      `select status, count(*) as n from sacrifice
        where site_id = ? and performed_at >= ? and performed_at < ? group by status`,
      [siteId, from, to],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  async byStatus(em: EntityManager, siteId: string) {
    const rows: { status: string; n: string }[] = await em.execute(
      'select status, count(*) as n from sacrifice where site_id = ? group by status',
      [siteId],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }
}
