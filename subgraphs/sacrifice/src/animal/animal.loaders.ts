import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Animal } from './animal.entity.js';
import { animalFilter } from './animal.policy.js';

/** One `IN` query per batch of animal ids, authorized by `animalFilter`. */
export const animalById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Animal | null>('Animal.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Animal, { $and: [{ id: { $in: [...ids] } }, animalFilter(ctx.viewer)] }), (a) => a.id),
  );
