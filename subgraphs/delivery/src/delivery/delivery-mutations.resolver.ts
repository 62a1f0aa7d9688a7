import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { DeliveryProofService } from './delivery-proof.service.js';
import { Delivery } from './delivery.entity.js';
import type { DeliveryService } from './delivery.service.js';
import { CreatedDelivery } from './delivery.types.js';

const REQUIRE_PHOTO = 'confirmDelivery then needs a proof photo the driver uploaded for the delivery (default false).';
@Resolver()
export class DeliveryMutationsResolver {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly proof: DeliveryProofService,
  ) {}

  @Mutation(() => CreatedDelivery, {
    description: 'Organizers only: one pack for one family; at most one per family per season.',
  })
  @Authorized(Role.ORGANIZER)
  createDelivery(
    @Arg('packId', () => ID) packId: string,
    @Arg('recipientId', () => ID) recipientId: string,
    @Arg('requirePhoto', () => Boolean, { nullable: true, description: REQUIRE_PHOTO })
    requirePhoto: boolean | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.deliveries.create(ctx.em, packId, recipientId, requirePhoto ?? false);
  }

  @Mutation(() => [CreatedDelivery], {
    description: 'Organizers only: waiting packs to the highest-priority families not yet served, one each.',
  })
  @Authorized(Role.ORGANIZER)
  allocatePacks(
    @Arg('region', () => String, { nullable: true }) region: string | undefined,
    @Arg('limit', () => Int, { nullable: true, description: '1 to 500 (default 50).' }) limit: number | undefined,
    @Arg('requirePhoto', () => Boolean, { nullable: true, description: REQUIRE_PHOTO })
    requirePhoto: boolean | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.deliveries.allocate(ctx.em, region, limit, requirePhoto ?? false);
  }

  @Mutation(() => CreatedDelivery, { description: 'Organizers only: a new PIN, which also unlocks a locked delivery.' })
  @Authorized(Role.ORGANIZER)
  resetDeliveryPin(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return this.deliveries.resetPin(ctx.em, ctx, id);
  }

  @Mutation(() => Delivery, { description: 'The assigned driver sets out with the pack.' })
  @Authorized(Role.DRIVER)
  startDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return this.proof.start(ctx.em, ctx.viewer!.id, id);
  }

  @Mutation(() => Delivery, {
    description:
      "The assigned driver proves the handover with the family's PIN (5 wrong PINs lock it) and, where the delivery " +
      'requires one, the id of a photo they uploaded for it (POST /uploads/delivery-photos/<id>).',
  })
  @Authorized(Role.DRIVER)
  confirmDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('pin') pin: string,
    @Arg('photoId', () => ID, { nullable: true }) photoId: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.proof.confirm(ctx.em, ctx.viewer!.id, id, pin, photoId, ctx);
  }
}
