import { connectionFromArray, PageArgs, type SubgraphContext } from '@qurbani/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrderStub } from '../shared/order.stub.js';
import { canReferenceSacrifice } from './sacrifice.access.js';
import { SacrificeConnection } from './sacrifice.connection.js';
import { sacrificesByOrderId } from './sacrifice.loaders.js';

/**
 * `Order.sacrifices`. The donor subgraph authorized the order; the per-sacrifice check is a cheap
 * second line (the owner ids are on the row), so no extra query either way.
 */
@Resolver(() => OrderStub)
export class OrderSacrificesResolver {
  @FieldResolver(() => SacrificeConnection, { description: 'The sacrifices carrying this order\'s shares, oldest first (empty until allocation).' })
  async sacrifices(@Root() order: OrderStub, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    const all = await sacrificesByOrderId(ctx).load(order.id);
    return connectionFromArray(all.filter((s) => canReferenceSacrifice(ctx.viewer, s)), page);
  }
}
