import { assertId, type SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { assertMayReadDashboard } from '../dashboard/dashboard.policy.js';
import { HideStatus } from '../hide/hide.enums.js';
import { DayHideStatusCount, SiteDayReportStub } from './site-day-report.stub.js';

/** Reached through `siteDayReport` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SiteDayReportStub)
export class SiteDayReportHidesResolver {
  @FieldResolver(() => [DayHideStatusCount], {
    description: 'Hides collected at the site that day, by status now, zeros included.',
  })
  @Directive('@requires(fields: "siteId from to")')
  async hidesByStatus(@Root() r: SiteDayReportStub, @Ctx() ctx: SubgraphContext): Promise<DayHideStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows: { status: string; n: string }[] = await ctx.em.execute(
      `select status, count(*) as n from hide
       where site_id = ? and collected_at >= ? and collected_at < ? group by status`,
      [assertId(r.siteId, 'siteId'), r.from, r.to],
    );
    return Object.values(HideStatus).map((status) => ({
      status,
      count: Number(rows.find((row) => row.status === status)?.n ?? 0),
    }));
  }
}
