import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { TrackingLink } from '../position/position.types.js';
import type { TrackingLinkService } from './tracking-link.service.js';

@Resolver()
export class TrackingLinkResolver {
  constructor(private readonly links: TrackingLinkService) {}

  @Authorized(Role.ORGANIZER)
  @Mutation(() => TrackingLink, {
    description:
      'Organizers only: a link token for the family of a delivery, to send by SMS with the PIN. It opens that delivery over the live connection (connection_init { trackingToken }) until it expires or is revoked.',
  })
  createTrackingLink(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrackingLink> {
    return this.links.create(ctx.em, ctx, deliveryId);
  }

  @Authorized(Role.ORGANIZER)
  @Mutation(() => Int, {
    description:
      'Organizers only: revokes the tracking links of a delivery (or only `linkId`); their queries and live subscriptions are refused from now on. Returns how many links were revoked.',
  })
  revokeTrackingLink(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('linkId', () => ID, { nullable: true }) linkId: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return this.links.revoke(ctx.em, ctx, deliveryId, linkId);
  }
}
