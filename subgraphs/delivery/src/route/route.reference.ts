import type { SubgraphContext } from '@qurbani/kit';
import { routeById } from './route.loaders.js';

export const routeReference = {
  Route: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => routeById(ctx).load(ref.id),
  },
};
