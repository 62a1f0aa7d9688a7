import { assertId, notFound, requireViewer, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Delivery } from '../delivery/delivery.entity.js';
import { deliveryById } from '../delivery/delivery.loaders.js';
import { Route } from '../route/route.entity.js';
import { routeById } from '../route/route.loaders.js';
import { hotPositionByRouteId } from './position.loaders.js';
import { mayFollowDriver } from './position.policy.js';
import { requireLiveLink } from '../tracking/tracking-link.policy.js';
import { toDriverPosition, type PositionService } from './position.service.js';
import { DriverPosition, PositionInput, PositionReport } from './position.types.js';

@Resolver(() => DriverPosition)
export class PositionResolver {
  constructor(private readonly positions: PositionService) {}

  @Mutation(() => PositionReport, {
    description:
      'The driver of the route: one or more GPS fixes, in any order. Duplicates, fixes from the future and impossible jumps are dropped; late fixes go to history only.',
  })
  @Authorized(Role.DRIVER)
  reportPositions(
    @Arg('routeId', () => ID) routeId: string,
    @Arg('points', () => [PositionInput]) points: PositionInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<PositionReport> {
    return this.positions.report(ctx.em, ctx.viewer, routeId, points);
  }

  @Query(() => DriverPosition, {
    nullable: true,
    description:
      'Where the driver carrying a delivery is, with its ETA. Organizers and the driver; the donor and the family while it is out for delivery. Null when unknown or not visible now.',
  })
  async driverPosition(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DriverPosition | null> {
    // Not @Authorized: a family's tracking link may call it too; deliveryFilter decides which row.
    requireViewer(ctx.viewer);
    await requireLiveLink(ctx);
    const delivery = await deliveryById(ctx).load(assertId(deliveryId, 'deliveryId'));
    if (!delivery) throw notFound('Delivery', deliveryId);
    return positionOf(delivery, ctx, this.positions);
  }

  @Query(() => DriverPosition, {
    nullable: true,
    description: "Where the driver of a route is: organizers and the route's driver. Null until the first report.",
  })
  @Authorized(Role.DRIVER, Role.ORGANIZER)
  async routePosition(
    @Arg('routeId', () => ID) routeId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DriverPosition | null> {
    const route = await routeById(ctx).load(assertId(routeId, 'routeId'));
    if (!route) throw notFound('Route', routeId);
    const hot = await hotPositionByRouteId(ctx, this.positions).load(route.id);
    return hot && toDriverPosition(route.id, null, hot);
  }

  @FieldResolver(() => Delivery, { nullable: true })
  delivery(@Root() position: DriverPosition, @Ctx() ctx: SubgraphContext): Promise<Delivery | null> | null {
    return position.deliveryId ? deliveryById(ctx).load(position.deliveryId) : null;
  }

  @FieldResolver(() => Route, { nullable: true, description: 'Organizers and the driver only.' })
  route(@Root() position: DriverPosition, @Ctx() ctx: SubgraphContext): Promise<Route | null> {
    return routeById(ctx).load(position.routeId);
  }
}

/** The position of the driver of a delivery the viewer already reached, or null. */
export async function positionOf(
  delivery: Delivery,
  ctx: SubgraphContext,
  positions: PositionService,
): Promise<DriverPosition | null> {
  if (!mayFollowDriver(ctx.viewer, delivery)) return null;
  const hot = await hotPositionByRouteId(ctx, positions).load(delivery.routeId!);
  return hot && toDriverPosition(delivery.routeId!, delivery.id, hot);
}
