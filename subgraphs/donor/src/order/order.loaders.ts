import { byKey, type SubgraphContext } from '@qurbani/kit';
import { isId } from '../shared/ids.js';
import { Order } from './order.entity.js';
import { orderFilter } from './order.policy.js';

/** By id (`order(id)`, `_entities`), authorized by `orderFilter` in the same query; malformed ids resolve to null without SQL. */
export const orderById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Order | null>('Order.byId', async (ids) => {
    const valid = ids.filter(isId);
    const rows = valid.length
      ? await ctx.em.find(Order, { $and: [{ id: { $in: valid } }, orderFilter(ctx.viewer)] })
      : [];
    return byKey(ids, rows, (o) => o.id);
  });
