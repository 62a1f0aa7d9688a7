import type { SubgraphContext } from '@qurbani/kit';
import { safeId } from '../shared/safe-id.js';
import { sacrificeById } from './sacrifice.loaders.js';

export const sacrificeReference = {
  Sacrifice: {
    // sacrificeById applies sacrificeFilter: a reference is as good as a root field for reaching a sacrifice.
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => {
      const id = safeId(ref.id);
      return id ? sacrificeById(ctx).load(id) : null;
    },
  },
};
