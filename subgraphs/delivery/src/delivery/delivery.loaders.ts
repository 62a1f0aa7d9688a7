import { byKey, groupByKey, type SubgraphContext } from '@qurbani/kit';
import { visibleDeliveries } from '../shared/visibility.js';
import { Delivery } from './delivery.entity.js';

/** Deliveries reached by id from outside (root field, `_entities`): loaded and authorized in one query. */
export const visibleDeliveryById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery | null>('Delivery.visibleById', async (ids) =>
    byKey(ids, await ctx.em.find(Delivery, { $and: [{ id: { $in: [...ids] } }, visibleDeliveries(ctx.viewer)] }), (d) => d.id),
  );

/** The delivery carrying each pack, reached from a pack the viewer was already allowed to see. */
export const deliveryByPackId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery | null>('Delivery.byPackId', async (ids) =>
    byKey(ids, await ctx.em.find(Delivery, { packId: { $in: [...ids] } }), (d) => d.packId),
  );

/** Each route's stops in order. */
export const deliveriesByRouteId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Delivery[]>('Delivery.byRouteId', async (ids) =>
    groupByKey(ids, await ctx.em.find(Delivery, { routeId: { $in: [...ids] } }, { orderBy: { stopIndex: 'asc' } }), (d) => d.routeId!),
  );
