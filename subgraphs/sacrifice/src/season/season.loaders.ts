import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Season } from './season.entity.js';

/** One `IN` query per batch of season ids in a request. */
export const seasonById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Season | null>('Season.byId', async (ids) => byKey(ids, await ctx.em.find(Season, { id: { $in: [...ids] } }), (s) => s.id));
