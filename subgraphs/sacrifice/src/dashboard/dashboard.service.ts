import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '@qurbani/kit';
import { windowOf } from '../sacrifice/sacrifice-window.rules.js';
import { SacrificeStatus } from '../sacrifice/sacrifice-status.js';
import { Season } from '../season/season.entity.js';
import type { DashboardRepository } from './dashboard.repository.js';
import { paceOf } from './pace.rules.js';
import type { SeasonDashboard, SitePace, StatusCount } from './season-dashboard.types.js';

const NOT_YET_PERFORMED = new Set<string>([SacrificeStatus.ALLOCATED, SacrificeStatus.ASSIGNED]);
const HOUR_MS = 3_600_000;

/** `<seasonId>` or `<seasonId>:<siteId>`: the key other subgraphs receive. */
const dashboardId = (seasonId: string, siteId: string | null) => (siteId ? `${seasonId}:${siteId}` : seasonId);

export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly now: () => Date,
  ) {}

  async read(em: EntityManager, seasonId: string, siteId: string | null): Promise<SeasonDashboard> {
    const season = await em.findOne(Season, { id: seasonId });
    if (!season) throw notFound('Season', seasonId);
    const allSites = await this.repository.sites(em, seasonId);
    const sites = siteId ? allSites.filter((s) => s.id === siteId) : allSites;
    if (siteId && sites.length === 0) throw badInput('That site is not in this season.', 'siteId');
    const siteIds = sites.map((s) => s.id);
    const now = this.now();
    const [bySiteStatus, lastHour, pending] = await Promise.all([
      this.repository.sacrificesBySiteAndStatus(em, siteIds),
      this.repository.performedSince(em, siteIds, new Date(now.getTime() - HOUR_MS)),
      this.repository.pendingBySpecies(em),
    ]);
    const allocated = bySiteStatus.reduce((n, r) => n + r.shares, 0);
    const paces = sites.map((site): SitePace => {
      const rows = bySiteStatus.filter((r) => r.siteId === site.id);
      const total = rows.reduce((n, r) => n + r.count, 0);
      const remaining = rows.filter((r) => NOT_YET_PERFORMED.has(r.status)).reduce((n, r) => n + r.count, 0);
      const window = windowOf(season, {
        timeZone: site.time_zone,
        windowStartLocal: site.window_start_local,
        windowEndLocal: site.window_end_local,
      });
      const performedLastHour = lastHour.get(site.id) ?? 0;
      const pace = paceOf({
        remaining,
        performedLastHour,
        windowStartsAt: window.startsAt,
        windowEndsAt: window.endsAt,
        now,
      });
      return {
        siteId: site.id,
        siteName: site.name,
        timeZone: site.time_zone,
        total,
        performed: total - remaining,
        remaining,
        performedLastHour,
        windowEndsAt: window.endsAt,
        ...pace,
      };
    });
    return {
      id: dashboardId(seasonId, siteId),
      seasonId,
      siteId,
      siteIds,
      sacrificesByStatus: byStatus(bySiteStatus, Object.values(SacrificeStatus)),
      sharesByStatus: [
        { status: 'PENDING', count: pending.reduce((n, p) => n + p.count, 0) },
        { status: 'ALLOCATED', count: allocated },
      ],
      allocationPendingBySpecies: pending,
      sites: paces,
      generatedAt: now,
    };
  }
}

/** Every status listed, zeros included, so charts keep their bars in one order. */
function byStatus(rows: { status: string; count: number }[], statuses: readonly string[]): StatusCount[] {
  return statuses.map((status) => ({
    status,
    count: rows.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0),
  }));
}
