import { assertId, type SubgraphContext } from '@qurbani/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { assertMayReadDashboard } from '../dashboard/dashboard.policy.js';
import { DeliveryStatus } from '../delivery/delivery.entity.js';
import { DayDeliveryStatusCount, SiteDayReportStub } from './site-day-report.stub.js';

/** Reached through `siteDayReport` (organizers), and checked again here: `_entities` is reachable too. */
@Resolver(() => SiteDayReportStub)
export class SiteDayReportDeliveriesResolver {
  @FieldResolver(() => [DayDeliveryStatusCount], {
    description: 'Deliveries planned that day for packs cut from animals at the site, by status now, zeros included.',
  })
  @Directive('@requires(fields: "siteId from to")')
  async deliveriesByStatus(
    @Root() r: SiteDayReportStub,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DayDeliveryStatusCount[]> {
    assertMayReadDashboard(ctx.viewer);
    const rows: { status: string; n: string }[] = await ctx.em.execute(
      `select d.status, count(*) as n from delivery d
        join meat_pack p on p.id = d.pack_id
        join allocated_sacrifice s on s.sacrifice_id = p.sacrifice_id
       where s.site_id = ? and d.created_at >= ? and d.created_at < ? group by d.status`,
      [assertId(r.siteId, 'siteId'), r.from, r.to],
    );
    return Object.values(DeliveryStatus).map((status) => ({
      status,
      count: Number(rows.find((row) => row.status === status)?.n ?? 0),
    }));
  }
}
