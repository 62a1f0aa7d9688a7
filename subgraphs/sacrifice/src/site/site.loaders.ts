import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Site } from './site.entity.js';
import { siteFilter } from './site.policy.js';

/** One `IN` query per batch of site ids, authorized by `siteFilter`. */
export const siteById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Site | null>('Site.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Site, { $and: [{ id: { $in: [...ids] } }, siteFilter(ctx.viewer)] }), (s) => s.id),
  );
