import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Lot } from './lot.entity.js';
import { lotFilter } from './lot.policy.js';

export const lotById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Lot | null>('Lot.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Lot, { $and: [{ id: { $in: [...ids] } }, lotFilter(ctx.viewer)] }), (l) => l.id),
  );
