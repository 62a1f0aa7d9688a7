import type { EntityManager } from '@mikro-orm/postgresql';
import type { Species } from '../shared/species.js';

export interface SiteRow {
  id: string;
  name: string;
  time_zone: string;
  window_start_local: string | null;
  window_end_local: string | null;
}

/** A Postgres array literal of ids (validated uuids): the driver would bind a JS array as a list. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The dashboard's aggregates. Each is a `GROUP BY` answered from an index (`sacrifice_dashboard_idx` (with each sacrifice's share count),
 * `sacrifice_site_performed_idx`, `order_share_pending_idx`), never a scan of the whole table: a full
 * season is 250,000 sacrifices a day and the dashboard is read on every live event.
 */
export class DashboardRepository {
  sites(em: EntityManager, seasonId: string): Promise<SiteRow[]> {
    return em.execute(
      'select id, name, time_zone, window_start_local, window_end_local from site where season_id = ? order by id',
      [seasonId],
    );
  }

  async sacrificesBySiteAndStatus(em: EntityManager, siteIds: string[]) {
    const rows: { site_id: string; status: string; n: string; shares: string }[] = await em.execute(
      `select site_id, status, count(*) as n, sum(share_count) as shares from sacrifice
        where site_id = any(?::uuid[]) group by site_id, status`,
      [pgArray(siteIds)],
    );
    return rows.map((r) => ({ siteId: r.site_id, status: r.status, count: Number(r.n), shares: Number(r.shares) }));
  }

  async performedSince(em: EntityManager, siteIds: string[], since: Date): Promise<Map<string, number>> {
    const rows: { site_id: string; n: string }[] = await em.execute(
      `select site_id, count(*) as n from sacrifice
        where site_id = any(?::uuid[]) and performed_at is not null and performed_at > ? group by site_id`,
      [pgArray(siteIds), since],
    );
    return new Map(rows.map((r) => [r.site_id, Number(r.n)]));
  }

  /** Shares waiting for an animal belong to no site yet: they count for the whole charity. */
  async pendingBySpecies(em: EntityManager): Promise<{ species: Species; count: number }[]> {
    const rows: { species: Species; n: string }[] = await em.execute(
      'select species, count(*) as n from order_share where sacrifice_id is null group by species order by species',
    );
    return rows.map((r) => ({ species: r.species, count: Number(r.n) }));
  }
}
