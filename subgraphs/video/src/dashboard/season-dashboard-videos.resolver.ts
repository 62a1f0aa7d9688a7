import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { VideoStatus } from '../video/video.enums.js';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { VideoDashboardRepository } from './dashboard.repository.js';
import { VideoStatusCount, SeasonDashboardStub } from './season-dashboard.stub.js';

/** Reached only through `seasonDashboard` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SeasonDashboardStub)
export class SeasonDashboardVideosResolver {
  constructor(private readonly repository: VideoDashboardRepository) {}

  @FieldResolver(() => [VideoStatusCount], {
    description:
      'Proof-video attempts at these sites by status (the verdicts: VALIDATED, FLAGGED, APPROVED, REJECTED), zeros included.',
  })
  @Directive('@requires(fields: "siteIds")')
  async videosByStatus(@Root() d: SeasonDashboardStub, @Ctx() ctx: SubgraphContext): Promise<VideoStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows = await this.repository.byStatus(ctx.em, d.siteIds);
    return Object.values(VideoStatus).map((status) => ({
      status,
      count: rows.find((r) => r.status === status)?.count ?? 0,
    }));
  }
}
