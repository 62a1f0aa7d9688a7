import { requireRole, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { TrackingLink } from '../position/position.types.js';
import type { TrackingLinkService } from './tracking-link.service.js';

@Resolver()
export class TrackingLinkResolver {
  constructor(private readonly links: TrackingLinkService) {}

  @Mutation(() => TrackingLink, {
    description: 'Organizers only: a link token for the family of a delivery, to send by SMS with the PIN. It opens that delivery over the live connection (connection_init { trackingToken }) until it expires.',
  })
  createTrackingLink(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: SubgraphContext): Promise<TrackingLink> {
    requireRole(ctx.viewer, Role.ORGANIZER);
    return this.links.create(ctx.em, deliveryId);
  }
}
