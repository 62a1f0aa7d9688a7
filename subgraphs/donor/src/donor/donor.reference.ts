import type { SubgraphContext } from '@qurbani/kit';
import { mayFollowReference } from '../shared/access.js';
import { isId } from '../shared/ids.js';
import type { Donor } from './donor.entity.js';
import { donorById } from './donor.loaders.js';

export const donorReference = {
  Donor: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<Donor | null> => {
      if (!isId(ref.id) || !mayFollowReference(ctx.viewer, ref.id)) return null;
      return donorById(ctx).load(ref.id);
    },
  },
};
