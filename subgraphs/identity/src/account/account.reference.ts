import type { SubgraphContext } from '@qurbani/kit';
import { accountById } from './account.loaders.js';

export const accountReference = {
  Account: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => accountById(ctx).load(ref.id),
  },
};
