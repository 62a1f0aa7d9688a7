import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Site } from './site.entity.js';

/** One `IN` query per batch of site ids in a request. */
export const siteById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Site | null>('Site.byId', async (ids) => byKey(ids, await ctx.em.find(Site, { id: { $in: [...ids] } }), (s) => s.id));
