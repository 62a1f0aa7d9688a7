import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PaymentStatus } from '../order/order.enums.js';
import { assertMayReadDashboard } from './dashboard.policy.js';
import type { DonorDashboardRepository } from './dashboard.repository.js';
import { OrderPaymentStatusCount, SeasonDashboardStub } from './season-dashboard.stub.js';

/** Reached only through `seasonDashboard` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SeasonDashboardStub)
export class SeasonDashboardOrdersResolver {
  constructor(private readonly repository: DonorDashboardRepository) {}

  @FieldResolver(() => [OrderPaymentStatusCount], {
    description: 'Orders for these sites by payment status, zeros included.',
  })
  @Directive('@requires(fields: "siteIds")')
  async ordersByPaymentStatus(
    @Root() d: SeasonDashboardStub,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderPaymentStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows = await this.repository.byStatus(ctx.em, d.siteIds);
    return Object.values(PaymentStatus).map((status) => ({
      status,
      count: rows.find((r) => r.status === status)?.count ?? 0,
    }));
  }
}
