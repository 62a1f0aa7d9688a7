import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { atRiskDeadline } from '../hide/hide-deadline.rules.js';
import { HideStatus } from '../hide/hide.enums.js';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { HideDashboardRepository } from './dashboard.repository.js';
import { CurrencyTotal, HideStatusCount, SeasonDashboardStub } from './season-dashboard.stub.js';

/** Reached only through `seasonDashboard` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SeasonDashboardStub)
export class SeasonDashboardHidesResolver {
  constructor(
    private readonly repository: HideDashboardRepository,
    private readonly now: () => Date,
  ) {}

  @FieldResolver(() => [HideStatusCount], { description: 'Hides of these sites by status, zeros included.' })
  @Directive('@requires(fields: "siteIds")')
  async hidesByStatus(@Root() d: SeasonDashboardStub, @Ctx() ctx: SubgraphContext): Promise<HideStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows = await this.repository.byStatus(ctx.em, d.siteIds);
    return Object.values(HideStatus).map((status) => ({
      status,
      count: rows.find((r) => r.status === status)?.count ?? 0,
    }));
  }

  @FieldResolver(() => Int, { description: 'Collected, not salted, and less than an hour from (or past) preserveBy.' })
  @Directive('@requires(fields: "siteIds")')
  hidesAtRisk(@Root() d: SeasonDashboardStub, @Ctx() ctx: SubgraphContext): Promise<number> {
    assertMayReadDashboard(ctx.viewer);
    return this.repository.atRisk(ctx.em, d.siteIds, atRiskDeadline(this.now()));
  }

  @FieldResolver(() => [CurrencyTotal], { description: 'What hide sales brought the charity, per currency.' })
  @Directive('@requires(fields: "siteIds")')
  hideProceeds(@Root() d: SeasonDashboardStub, @Ctx() ctx: SubgraphContext): Promise<CurrencyTotal[]> {
    assertMayReadDashboard(ctx.viewer);
    return this.repository.proceeds(ctx.em, d.siteIds);
  }
}
