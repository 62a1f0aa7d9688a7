import type { SubgraphContext } from '@qurbani/kit';
import { packById } from './meat-pack.loaders.js';

export const meatPackReference = {
  MeatPack: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => packById(ctx).load(ref.id),
  },
};
