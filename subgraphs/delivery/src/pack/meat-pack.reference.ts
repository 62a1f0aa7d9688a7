import type { SubgraphContext } from '@qurbani/kit';
import { visiblePackById } from './meat-pack.loaders.js';

export const meatPackReference = {
  MeatPack: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visiblePackById(ctx).load(ref.id),
  },
};
