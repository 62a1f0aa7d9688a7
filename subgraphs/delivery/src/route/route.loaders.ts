import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Route } from './route.entity.js';
import { routeFilter } from './route.policy.js';

/** By id (`_entities`, `Delivery.route`, `DriverPosition.route`), authorized by `routeFilter` in the same query. */
export const routeById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Route | null>('Route.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Route, { $and: [{ id: { $in: [...ids] } }, routeFilter(ctx.viewer)] }), (r) => r.id),
  );
