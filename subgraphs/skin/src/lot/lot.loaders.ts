import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Lot } from './lot.entity.js';

export const lotById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Lot | null>('Lot.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Lot, { id: { $in: [...ids] } }), (l) => l.id),
  );
