import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Donor } from './donor.entity.js';

/** One `IN` query per batch of donor ids in a request. */
export const donorById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Donor | null>('Donor.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Donor, { id: { $in: [...ids] } }), (d) => d.id),
  );
