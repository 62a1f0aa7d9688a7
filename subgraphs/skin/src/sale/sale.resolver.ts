import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Buyer } from '../buyer/buyer.entity.js';
import { buyerById } from '../buyer/buyer.loaders.js';
import { Lot } from '../lot/lot.entity.js';
import { lotById } from '../lot/lot.loaders.js';
import { Sale } from './sale.entity.js';

/** A sale is reached only by organizers (Lot.sale, sellLot, its reference), so no checks here. */
@Resolver(() => Sale)
export class SaleResolver {
  @FieldResolver(() => Lot)
  async lot(@Root() sale: Sale, @Ctx() ctx: SubgraphContext): Promise<Lot> {
    return (await lotById(ctx).load(sale.lot.id))!;
  }

  @FieldResolver(() => Buyer)
  async buyer(@Root() sale: Sale, @Ctx() ctx: SubgraphContext): Promise<Buyer> {
    return (await buyerById(ctx).load(sale.buyer.id))!;
  }
}
