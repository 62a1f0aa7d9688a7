import type { SubgraphContext } from '@qurbani/kit';
import { safeId } from '../shared/safe-id.js';
import { animalById } from './animal.loaders.js';

/** animalById applies animalFilter: organizers, and whoever sees a sacrifice of the animal. */
export const animalReference = {
  Animal: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => {
      const id = safeId(ref.id);
      return id ? animalById(ctx).load(id) : null;
    },
  },
};
