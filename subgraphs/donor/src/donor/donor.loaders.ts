import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Donor } from './donor.entity.js';
import { donorFilter } from './donor.policy.js';

/** One `IN` query per batch of donor ids, authorized by `donorFilter`. */
export const donorById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Donor | null>('Donor.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Donor, { $and: [{ id: { $in: [...ids] } }, donorFilter(ctx.viewer)] }), (d) => d.id),
  );
