import { byKey, groupByKey, leanFind, type SubgraphContext } from '@qurbani/kit';
import { Delivery } from './delivery.entity.js';
import { deliveryFilter } from './delivery.policy.js';

// Every loader applies `deliveryFilter` in its one query: no path reaches a delivery unchecked.

/** By id (root fields, `_entities`, `DriverPosition.delivery`). */
export const deliveryById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery | null>('Delivery.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(Delivery, { $and: [{ id: { $in: [...ids] } }, deliveryFilter(ctx.viewer)] }),
      (d) => d.id,
    ),
  );

/** The delivery carrying each pack (`MeatPack.delivery`). */
export const deliveryByPackId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery | null>('Delivery.byPackId', async (ids) =>
    byKey(
      ids,
      await leanFind(ctx.reads, Delivery, { $and: [{ packId: { $in: [...ids] } }, deliveryFilter(ctx.viewer)] }),
      (d) => d.packId,
    ),
  );

/** Each route's stops in order (`Route.stops`). */
export const deliveriesByRouteId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery[]>('Delivery.byRouteId', async (ids) =>
    groupByKey(
      ids,
      await ctx.em.find(
        Delivery,
        { $and: [{ routeId: { $in: [...ids] } }, deliveryFilter(ctx.viewer)] },
        { orderBy: { stopIndex: 'asc' } },
      ),
      (d) => d.routeId!,
    ),
  );
