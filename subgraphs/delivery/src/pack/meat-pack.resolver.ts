import { Role, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Resolver, Root } from 'type-graphql';
import { SacrificeStub } from '../foreign-entities.js';
import { Delivery } from '../delivery/delivery.entity.js';
import { deliveryByPackId, deliveryFields } from '../delivery/delivery.loaders.js';
import { MeatPack } from './meat-pack.entity.js';
import type { MeatPackService } from './meat-pack.service.js';

@Resolver(() => MeatPack)
export class MeatPackResolver {
  constructor(private readonly packs: MeatPackService) {}

  @Mutation(() => [MeatPack], { description: 'Organizers only: the packs cut from one allocated sacrifice.' })
  @Authorized(Role.ORGANIZER)
  createMeatPacks(
    @Arg('sacrificeId', () => ID) sacrificeId: string,
    @Arg('weightsKg', () => [Float]) weightsKg: number[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<MeatPack[]> {
    return this.packs.create(ctx.em, sacrificeId, weightsKg);
  }

  @FieldResolver(() => Float)
  weightKg(@Root() pack: MeatPack): number {
    return pack.weightGrams / 1000;
  }

  @FieldResolver(() => SacrificeStub)
  sacrifice(@Root() pack: MeatPack): SacrificeStub {
    return { id: pack.sacrificeId };
  }

  @FieldResolver(() => Delivery, { nullable: true, description: 'Null while the pack waits for a family.' })
  delivery(
    @Root() pack: MeatPack,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Delivery | null> {
    return deliveryByPackId(ctx).load(pack.id, deliveryFields(info));
  }
}
