import { assertId, type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { DashboardService } from './dashboard.service.js';
import { SeasonDashboard } from './season-dashboard.types.js';

@Resolver(() => SeasonDashboard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => SeasonDashboard, {
    description:
      'Organizers only: counts by status, allocation pending, pace per site against its window, and (from the other subgraphs) videos, review backlog, deliveries, hides and proceeds. Follow it live with `seasonDashboardUpdated`.',
  })
  seasonDashboard(
    @Arg('seasonId', () => ID) seasonId: string,
    @Arg('siteId', () => ID, { nullable: true }) siteId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SeasonDashboard> {
    assertMayReadDashboard(ctx.viewer);
    return this.dashboards.read(ctx.em, assertId(seasonId, 'seasonId'), siteId ? assertId(siteId, 'siteId') : null);
  }
}
