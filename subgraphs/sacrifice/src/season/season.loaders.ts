import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Season } from './season.entity.js';
import { seasonFilter } from './season.policy.js';

/** One `IN` query per batch of season ids, authorized by `seasonFilter`. */
export const seasonById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Season | null>('Season.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Season, { $and: [{ id: { $in: [...ids] } }, seasonFilter(ctx.viewer)] }), (s) => s.id),
  );
