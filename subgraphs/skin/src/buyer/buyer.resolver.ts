import { ConnectionType, isOrganizer, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Buyer } from './buyer.entity.js';
import { CreateBuyerInput } from './buyer.inputs.js';
import type { BuyerService } from './buyer.service.js';

const BuyerConnection = ConnectionType('Buyer', Buyer);

@Resolver(() => Buyer)
export class BuyerResolver {
  constructor(private readonly buyerService: BuyerService) {}

  @Query(() => BuyerConnection, { description: 'Organizers: tanneries, oldest first.' })
  @Authorized(Role.ORGANIZER)
  buyers(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.buyerService.list(ctx.em, page);
  }

  @Mutation(() => Buyer, { description: 'Organizers: add a tannery.' })
  @Authorized(Role.ORGANIZER)
  createBuyer(@Arg('input') input: CreateBuyerInput, @Ctx() ctx: SubgraphContext): Promise<Buyer> {
    return this.buyerService.create(ctx.em, input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Organizers only.' })
  contact(@Root() buyer: Buyer, @Ctx() ctx: SubgraphContext): string | null {
    return isOrganizer(ctx.viewer) ? this.buyerService.contactOf(buyer) : null; // buyerFilter: only organizers reach a buyer
  }
}
