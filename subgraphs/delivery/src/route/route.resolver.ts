import { ConnectionType, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { deliveriesByRouteId } from '../delivery/delivery.loaders.js';
import { AccountStub } from '../foreign-entities.js';
import { Route } from './route.entity.js';
import type { RouteService } from './route.service.js';
import { RouteStop } from './route.types.js';

const RouteConnection = ConnectionType('Route', Route);

@Resolver(() => Route)
export class RouteResolver {
  constructor(private readonly service: RouteService) {}

  @Mutation(() => Route, {
    description: 'Organizers only: orders the stops (priority, then nearest neighbour) and assigns the driver.',
  })
  @Authorized(Role.ORGANIZER)
  buildRoute(
    @Arg('deliveryIds', () => [ID]) deliveryIds: string[],
    @Arg('driverId', () => ID) driverId: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.service.build(ctx.em, ctx, deliveryIds, driverId);
  }

  @Query(() => RouteConnection, { description: 'Drivers: their own routes, oldest first.' })
  @Authorized(Role.DRIVER)
  myRoutes(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    const driver = ctx.viewer!;
    return this.service.list(ctx.em, driver.id, page);
  }

  @Query(() => RouteConnection, { description: 'Organizers only: every route, oldest first.' })
  @Authorized(Role.ORGANIZER)
  routes(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.service.list(ctx.em, null, page);
  }

  @FieldResolver(() => AccountStub)
  driver(@Root() route: Route): AccountStub {
    return { id: route.driverId };
  }

  @FieldResolver(() => [RouteStop], { description: 'In driving order.' })
  async stops(@Root() route: Route, @Ctx() ctx: SubgraphContext): Promise<RouteStop[]> {
    const deliveries = await deliveriesByRouteId(ctx).load(route.id);
    return deliveries.map((delivery) => ({ index: delivery.stopIndex!, delivery }));
  }
}
