import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';
import { Route } from '../route/route.entity.js';
import { mayFollowRoute } from '../route/route.policy.js';
import { hotPositionByRouteId } from './position.loaders.js';
import { positionOf } from './position.resolver.js';
import { toDriverPosition, type PositionService } from './position.service.js';
import { DriverPosition } from './position.types.js';

/** Live fields of deliveries and routes, read from the current positions in Redis. */
@Resolver(() => Delivery)
export class DeliveryPositionResolver {
  constructor(private readonly positions: PositionService) {}

  @FieldResolver(() => DriverPosition, {
    nullable: true,
    description:
      'Where its driver is: organizers and the driver; the donor and the family while it is out for delivery.',
  })
  driverPosition(@Root() delivery: Delivery, @Ctx() ctx: SubgraphContext): Promise<DriverPosition | null> {
    return positionOf(delivery, ctx, this.positions);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "Estimated arrival, from the driver's latest position while the delivery is on a route.",
  })
  async eta(@Root() delivery: Delivery, @Ctx() ctx: SubgraphContext): Promise<Date | null> {
    const open = delivery.status === DeliveryStatus.ASSIGNED || delivery.status === DeliveryStatus.OUT_FOR_DELIVERY;
    if (!open || !delivery.routeId) return delivery.eta;
    const hot = await hotPositionByRouteId(ctx, this.positions).load(delivery.routeId);
    const eta = hot?.etas[delivery.id];
    return eta == null ? delivery.eta : new Date(eta);
  }
}

@Resolver(() => Route)
export class RoutePositionResolver {
  constructor(private readonly positions: PositionService) {}

  @FieldResolver(() => DriverPosition, {
    nullable: true,
    description: "The driver's latest accepted position on this route: organizers and the driver.",
  })
  async position(@Root() route: Route, @Ctx() ctx: SubgraphContext): Promise<DriverPosition | null> {
    // A route is also reachable from a donor's delivery; its driver's trail is not theirs to see.
    if (!mayFollowRoute(ctx.viewer, route)) return null;
    const hot = await hotPositionByRouteId(ctx, this.positions).load(route.id);
    return hot && toDriverPosition(route.id, null, hot);
  }
}
