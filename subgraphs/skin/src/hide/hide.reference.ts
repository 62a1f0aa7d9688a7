import type { SubgraphContext } from '@qurbani/kit';
import { hideById } from './hide.loaders.js';

export const hideReference = {
  Hide: {
    // hideById applies hideFilter: a reference is as good as a root field for reaching a hide.
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => hideById(ctx).load(ref.id),
  },
};
