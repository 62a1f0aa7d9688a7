import { connectionFromArray, PageArgs, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { OrderStub } from '../foreign-entities.js';
import { SacrificeConnection } from './sacrifice.connection.js';
import { sacrificeFields, sacrificesByOrderId } from './sacrifice.loaders.js';

/**
 * `Order.sacrifices`, on a stub: the loader applies `sacrificeFilter` in its one query, whatever
 * path led to the order.
 */
@Resolver(() => OrderStub)
export class OrderSacrificesResolver {
  @FieldResolver(() => SacrificeConnection, {
    description: "The sacrifices carrying this order's shares, oldest first (empty until allocation).",
  })
  async sacrifices(
    @Root() order: OrderStub,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const all = await sacrificesByOrderId(ctx).load(order.id, sacrificeFields(info));
    return connectionFromArray(all, page);
  }
}
