import { byKey, type SubgraphContext } from '@qurbani/kit';
import { sacrificeAccessFilter } from '../video/video.policy.js';
import { SacrificeAccess } from './sacrifice-access.entity.js';

/** One `IN` query per batch of sacrifice ids, authorized by `sacrificeAccessFilter`. */
export const accessBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SacrificeAccess | null>('SacrificeAccess.bySacrificeId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(SacrificeAccess, {
        $and: [{ sacrificeId: { $in: [...ids] } }, sacrificeAccessFilter(ctx.viewer)],
      }),
      (a) => a.sacrificeId,
    ),
  );
