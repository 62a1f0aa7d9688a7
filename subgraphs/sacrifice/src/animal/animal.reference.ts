import { hasRole, Role, type SubgraphContext } from '@qurbani/kit';
import { safeId } from '../shared/safe-id.js';
import type { Animal } from './animal.entity.js';
import { animalById } from './animal.loaders.js';

/** Other subgraphs reach animals only for staff; donors see theirs through `Sacrifice.animal`. */
export const animalReference = {
  Animal: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<Animal | null> => {
      if (!hasRole(ctx.viewer, Role.EXECUTOR, Role.REVIEWER, Role.DRIVER, Role.ORGANIZER)) return null;
      const id = safeId(ref.id);
      return id ? animalById(ctx).load(id) : null;
    },
  },
};
