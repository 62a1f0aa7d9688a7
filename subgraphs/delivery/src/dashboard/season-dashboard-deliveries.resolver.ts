import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DeliveryStatus } from '../delivery/delivery.entity.js';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { DeliveryDashboardRepository } from './dashboard.repository.js';
import { DeliveryStatusCount, SeasonDashboardStub } from './season-dashboard.stub.js';

/** Reached only through `seasonDashboard` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SeasonDashboardStub)
export class SeasonDashboardDeliveriesResolver {
  constructor(private readonly repository: DeliveryDashboardRepository) {}

  @FieldResolver(() => [DeliveryStatusCount], {
    description: 'Deliveries of packs cut from animals at these sites, by status, zeros included.',
  })
  @Directive('@requires(fields: "siteIds")')
  async deliveriesByStatus(
    @Root() d: SeasonDashboardStub,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeliveryStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows = await this.repository.byStatus(ctx.em, d.siteIds);
    return Object.values(DeliveryStatus).map((status) => ({
      status,
      count: rows.find((r) => r.status === status)?.count ?? 0,
    }));
  }
}
