import {
  assertId,
  ConnectionType,
  entityRef,
  notFound,
  PageArgs,
  requireViewer,
  Role,
  type SubgraphContext,
} from '@qurbani/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { MeatPack } from '../pack/meat-pack.entity.js';
import { packById } from '../pack/meat-pack.loaders.js';
import { Recipient } from '../recipient/recipient.entity.js';
import { recipientById } from '../recipient/recipient.loaders.js';
import { Route } from '../route/route.entity.js';
import { routeById } from '../route/route.loaders.js';
import { AccountStub } from '../foreign-entities.js';
import { Delivery, DeliveryStatus } from './delivery.entity.js';
import { deliveryById } from './delivery.loaders.js';
import type { DeliveryService } from './delivery.service.js';
import { MAX_PIN_FAILURES } from './pin.js';
import { requireLiveLink } from '../tracking/tracking-link.policy.js';

const DeliveryConnection = ConnectionType('Delivery', Delivery);

@Resolver(() => Delivery)
export class DeliveryResolver {
  constructor(private readonly service: DeliveryService) {}

  @Query(() => Delivery, {
    description:
      "Organizers, the assigned driver, a donor whose sacrifice filled the pack, or the family's tracking link (see docs/graph-contract.md).",
  })
  async delivery(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Delivery> {
    // Not @Authorized: a family's tracking link may call it too; deliveryFilter decides which row.
    requireViewer(ctx.viewer);
    await requireLiveLink(ctx);
    const delivery = await deliveryById(ctx).load(assertId(id));
    if (!delivery) throw notFound('Delivery', id);
    return delivery;
  }

  @Query(() => DeliveryConnection, {
    description: 'Organizers only: deliveries, oldest first, optionally of one status.',
  })
  @Authorized(Role.ORGANIZER)
  deliveries(
    @Args() page: PageArgs,
    @Arg('status', () => DeliveryStatus, { nullable: true }) status: DeliveryStatus | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.service.list(ctx.em, status, page);
  }

  @FieldResolver(() => Boolean, { description: 'Too many wrong PINs: an organizer must reset the PIN.' })
  pinLocked(@Root() delivery: Delivery): boolean {
    return delivery.pinFailures >= MAX_PIN_FAILURES;
  }

  @FieldResolver(() => Recipient)
  async recipient(@Root() delivery: Delivery, @Ctx() ctx: SubgraphContext): Promise<Recipient> {
    const recipient = await recipientById(ctx).load(delivery.recipientId);
    if (!recipient) throw notFound('Recipient', delivery.recipientId);
    return recipient;
  }

  @FieldResolver(() => [MeatPack], { description: 'Exactly one pack: one pack per family.' })
  async packs(@Root() delivery: Delivery, @Ctx() ctx: SubgraphContext): Promise<MeatPack[]> {
    const pack = await packById(ctx).load(delivery.packId);
    return pack ? [pack] : [];
  }

  @FieldResolver(() => AccountStub, { nullable: true, description: 'Null until a route assigns a driver.' })
  driver(@Root() delivery: Delivery): AccountStub | null {
    return entityRef(delivery.driverId);
  }

  @FieldResolver(() => Route, {
    nullable: true,
    description: "Organizers and the driver only: the route lists other families' stops.",
  })
  route(@Root() delivery: Delivery, @Ctx() ctx: SubgraphContext): Promise<Route | null> | null {
    return delivery.routeId ? routeById(ctx).load(delivery.routeId) : null;
  }
}
