import type { SubgraphContext } from '@qurbani/kit';
import { safeId } from '../shared/safe-id.js';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { DashboardService } from './dashboard.service.js';

/** Resolves `<seasonId>` or `<seasonId>:<siteId>` as the root field would, organizers only. */
export const dashboardReference = (dashboards: DashboardService | undefined) => ({
  SeasonDashboard: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => {
      assertMayReadDashboard(ctx.viewer);
      const [season, site] = ref.id.split(':');
      const seasonId = safeId(season ?? '');
      if (!seasonId || !dashboards) return null;
      return dashboards.read(ctx.em, seasonId, site ? safeId(site) : null);
    },
  },
});
