import type { SubgraphContext } from '@qurbani/kit';
import type { HotPosition } from './position.store.js';
import type { PositionService } from './position.service.js';

/** Current positions of routes: one Redis MGET per batch. */
export const hotPositionByRouteId = (ctx: SubgraphContext, positions: PositionService) =>
  ctx.loaders.get<string, HotPosition | null>('RoutePosition.hot', (ids) => positions.currentOf(ids));
