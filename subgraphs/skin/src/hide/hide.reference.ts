import type { SubgraphContext } from '@qurbani/kit';
import { hideById } from './hide.loaders.js';
import { canSeeHide } from './hide.policy.js';

export const hideReference = {
  Hide: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
      const hide = await hideById(ctx).load(ref.id);
      return hide && canSeeHide(ctx.viewer, hide.allocation) ? hide : null;
    },
  },
};
