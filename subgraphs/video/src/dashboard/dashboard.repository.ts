import type { EntityManager } from '@mikro-orm/postgresql';

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The videos' part of the dashboard: every attempt of the sacrifices at these sites by status
 * (the site comes from this subgraph's copy of each sacrifice, `sacrifice_access`).
 */
export class VideoDashboardRepository {
  async byStatus(em: EntityManager, siteIds: string[]): Promise<{ status: string; count: number }[]> {
    if (!siteIds.length) return [];
    const rows: { status: string; n: string }[] = await em.execute(
      'select v.status, count(*) as n from video v join sacrifice_access a on a.sacrifice_id = v.sacrifice_id where a.site_id = any(?::uuid[]) group by v.status',
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }
}
