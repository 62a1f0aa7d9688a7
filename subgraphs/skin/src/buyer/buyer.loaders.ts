import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Buyer } from './buyer.entity.js';

export const buyerById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Buyer | null>('Buyer.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Buyer, { id: { $in: [...ids] } }), (b) => b.id),
  );
