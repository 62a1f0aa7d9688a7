import { byKey, cachedLoader, type EntityCache, type SubgraphContext } from '@qurbani/kit';
import { Animal } from './animal.entity.js';
import { animalFilter } from './animal.policy.js';

/** One `IN` query per batch of animal ids, authorized by `animalFilter`. */
export const animalById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Animal | null>('Animal.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Animal, { $and: [{ id: { $in: [...ids] } }, animalFilter(ctx.viewer)] }), (a) => a.id),
  );

/**
 * The animal of a sacrifice the viewer already sees, from the shared cache without a filter:
 * `animalFilter` lets everyone see the animals of the sacrifices they see.
 */
export const animalOfVisibleSacrifice = (ctx: SubgraphContext, cache: EntityCache<Animal>) => cachedLoader(ctx, cache);
