import { assertId, ConnectionType, connectionFromArray, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { hidesByLotId } from '../hide/hide.loaders.js';
import { HideConnection } from '../hide/hide.types.js';
import { Sale } from '../sale/sale.entity.js';
import { saleByLotId } from '../sale/sale.loaders.js';
import { Lot, LotStatus } from './lot.entity.js';
import type { LotService } from './lot.service.js';

const LotConnection = ConnectionType('Lot', Lot);

@Resolver(() => Lot)
export class LotResolver {
  constructor(private readonly lotService: LotService) {}

  @Query(() => LotConnection, { description: 'Organizers: lots, oldest first.' })
  @Authorized(Role.ORGANIZER)
  lots(
    @Arg('status', () => LotStatus, { nullable: true }) status: LotStatus | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.lotService.list(ctx.em, status ?? undefined, page);
  }

  @Mutation(() => Lot, {
    description: 'Organizers: group graded hides (not REJECTED, in no other lot) under a unique code.',
  })
  @Authorized(Role.ORGANIZER)
  createLot(
    @Arg('code') code: string,
    @Arg('hideIds', () => [ID]) hideIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<Lot> {
    return this.lotService.create(ctx.em, ctx, { code, hideIds: hideIds.map((id) => assertId(id, 'hideIds')) });
  }

  @Mutation(() => Lot, { description: 'Organizers: the lot is complete and ready for a buyer.' })
  @Authorized(Role.ORGANIZER)
  closeLot(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Lot> {
    return this.lotService.close(ctx.em, ctx, assertId(id));
  }

  @Mutation(() => Sale, { description: 'Organizers: sell a CLOSED lot to a buyer, once. Amounts in minor units.' })
  @Authorized(Role.ORGANIZER)
  sellLot(
    @Arg('lotId', () => ID) lotId: string,
    @Arg('buyerId', () => ID) buyerId: string,
    @Arg('priceMinor', () => Int) priceMinor: number,
    @Arg('currency') currency: string,
    @Arg('feesMinor', () => Int, {
      nullable: true,
      description: 'Deducted from the price to give the proceeds; default 0.',
    })
    feesMinor: number | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Sale> {
    return this.lotService.sell(ctx.em, ctx, {
      lotId: assertId(lotId, 'lotId'),
      buyerId: assertId(buyerId, 'buyerId'),
      priceMinor,
      feesMinor: feesMinor ?? undefined,
      currency,
    });
  }

  @FieldResolver(() => HideConnection)
  async hides(@Root() lot: Lot, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return connectionFromArray(await hidesByLotId(ctx).load(lot.id), page);
  }

  @FieldResolver(() => Sale, { nullable: true, description: 'Organizers only.' })
  sale(@Root() lot: Lot, @Ctx() ctx: SubgraphContext): Promise<Sale | null> {
    return saleByLotId(ctx).load(lot.id);
  }
}
