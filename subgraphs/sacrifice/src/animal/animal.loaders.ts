import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Animal } from './animal.entity.js';

/** One `IN` query per batch of animal ids in a request. */
export const animalById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Animal | null>('Animal.byId', async (ids) => byKey(ids, await ctx.em.find(Animal, { id: { $in: [...ids] } }), (a) => a.id));
