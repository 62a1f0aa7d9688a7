import type { SubgraphContext } from '@qurbani/kit';
import { isId } from '../shared/ids.js';
import { donorById } from './donor.loaders.js';

export const donorReference = {
  Donor: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      isId(ref.id) ? donorById(ctx).load(ref.id) : null,
  },
};
