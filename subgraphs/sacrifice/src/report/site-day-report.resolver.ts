import { assertId, type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { assertMayReadDashboard } from '../dashboard/dashboard.policy.js';
import { safeId } from '../shared/safe-id.js';
import type { SiteDayReportService } from './site-day-report.service.js';
import { SiteDayReport } from './site-day-report.types.js';

@Resolver(() => SiteDayReport)
export class SiteDayReportResolver {
  constructor(private readonly reports: SiteDayReportService) {}

  @Query(() => SiteDayReport, {
    description:
      "Organizers only: one site's local day (sacrifices per hour, by status, proof verdicts, and from the other subgraphs deliveries and hides): the figures of its daily report, whose PDF is at `/reports/sites/<siteId>/<date>.pdf` on the gateway.",
  })
  siteDayReport(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('date', { description: 'The local date at the site, YYYY-MM-DD.' }) date: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SiteDayReport> {
    assertMayReadDashboard(ctx.viewer);
    return this.reports.read(ctx.em, assertId(siteId, 'siteId'), date);
  }
}

/** Resolves `<siteId>:<date>` as the root field would, organizers only. */
export const siteDayReportReference = (reports: SiteDayReportService | undefined) => ({
  SiteDayReport: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => {
      assertMayReadDashboard(ctx.viewer);
      const [site, date] = ref.id.split(':');
      const siteId = safeId(site ?? '');
      if (!siteId || !date || !reports) return null;
      return reports.read(ctx.em, siteId, date);
    },
  },
});
