import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Buyer } from './buyer.entity.js';
import { buyerFilter } from './buyer.policy.js';

export const buyerById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Buyer | null>('Buyer.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Buyer, { $and: [{ id: { $in: [...ids] } }, buyerFilter(ctx.viewer)] }), (b) => b.id),
  );
