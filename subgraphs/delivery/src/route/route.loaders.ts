import { byKey, type SubgraphContext } from '@qurbani/kit';
import { visibleRoutes } from '../shared/visibility.js';
import { Route } from './route.entity.js';

/** Routes reached from a delivery the viewer was already allowed to see. */
export const routeById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Route | null>('Route.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Route, { id: { $in: [...ids] } }), (r) => r.id),
  );

/** Routes reached by id from outside: only organizers and the route's driver. */
export const visibleRouteById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Route | null>('Route.visibleById', async (ids) =>
    byKey(ids, await ctx.em.find(Route, { $and: [{ id: { $in: [...ids] } }, visibleRoutes(ctx.viewer)] }), (r) => r.id),
  );
