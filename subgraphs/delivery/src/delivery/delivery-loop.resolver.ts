import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { DeliveryLoopService } from './delivery-loop.service.js';
import { Delivery } from './delivery.entity.js';

@Resolver()
export class DeliveryLoopResolver {
  constructor(private readonly loop: DeliveryLoopService) {}

  @Mutation(() => Delivery, {
    description: 'The assigned driver (or an organizer): the pack could not be handed over. Re-route it next.',
  })
  @Authorized(Role.DRIVER, Role.ORGANIZER)
  failDelivery(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext) {
    return this.loop.fail(ctx.em, ctx, id, reason);
  }

  @Mutation(() => Delivery, {
    description: 'Organizers: a failed (or not yet started) delivery becomes the last stop of another open route.',
  })
  @Authorized(Role.ORGANIZER)
  rerouteDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('routeId', () => ID) routeId: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.loop.reroute(ctx.em, ctx, id, routeId);
  }
}
