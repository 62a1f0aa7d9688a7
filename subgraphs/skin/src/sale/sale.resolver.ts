import { notFound, type SubgraphContext } from '@qurbani/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Buyer } from '../buyer/buyer.entity.js';
import { buyerById } from '../buyer/buyer.loaders.js';
import { Lot } from '../lot/lot.entity.js';
import { lotById } from '../lot/lot.loaders.js';
import { Sale } from './sale.entity.js';

/** Lots and buyers load through their policies (organizers only), like every other path. */
@Resolver(() => Sale)
export class SaleResolver {
  @FieldResolver(() => Lot)
  async lot(@Root() sale: Sale, @Ctx() ctx: SubgraphContext): Promise<Lot> {
    const lot = await lotById(ctx).load(sale.lot.id);
    if (!lot) throw notFound('Lot', sale.lot.id);
    return lot;
  }

  @FieldResolver(() => Buyer)
  async buyer(@Root() sale: Sale, @Ctx() ctx: SubgraphContext): Promise<Buyer> {
    const buyer = await buyerById(ctx).load(sale.buyer.id);
    if (!buyer) throw notFound('Buyer', sale.buyer.id);
    return buyer;
  }
}
