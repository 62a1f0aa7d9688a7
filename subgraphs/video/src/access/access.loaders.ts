import { byKey, type SubgraphContext } from '@qurbani/kit';
import { SacrificeAccess } from './sacrifice-access.entity.js';

/** One `IN` query per batch of sacrifice ids in a request. */
export const accessBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SacrificeAccess | null>('SacrificeAccess.bySacrificeId', async (ids) =>
    byKey(ids, await ctx.em.find(SacrificeAccess, { sacrificeId: { $in: [...ids] } }), (a) => a.sacrificeId),
  );
