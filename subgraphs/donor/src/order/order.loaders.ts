import { byKey, type SubgraphContext } from '@qurbani/kit';
import { isId } from '../shared/ids.js';
import { Order } from './order.entity.js';

/** One `IN` query per batch of order ids in a request; malformed ids resolve to null without SQL. */
export const orderById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Order | null>('Order.byId', async (ids) => {
    const valid = ids.filter(isId);
    const rows = valid.length ? await ctx.em.find(Order, { id: { $in: valid } }) : [];
    return byKey(ids, rows, (o) => o.id);
  });
