import type { SubgraphContext } from '@qurbani/kit';
import { visibleRouteById } from './route.loaders.js';

export const routeReference = {
  Route: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleRouteById(ctx).load(ref.id),
  },
};
