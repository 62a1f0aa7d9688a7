import { byKey, groupByKey, leanFind, selectedFields, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
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

/** The delivery carrying each pack (`MeatPack.delivery`), with each load's `deliveryFields`. */
export const deliveryByPackId = (ctx: SubgraphContext) =>
  ctx.loaders.withFields<string, Delivery | null>('Delivery.byPackId', async (ids, fields) =>
    byKey(
      ids,
      await leanFind(
        ctx.reads,
        Delivery,
        { $and: [{ packId: { $in: [...ids] } }, deliveryFilter(ctx.viewer)] },
        { fields },
      ),
      (d) => d.packId,
    ),
  );

/** The fields of `Delivery` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const DELIVERY_READS = {
  id: ['id'],
  status: ['status'],
  deliveredAt: ['deliveredAt'],
  // The driver's live estimate while on a route (DeliveryPositionResolver), else the stored one.
  eta: ['id', 'status', 'routeId', 'eta'],
  pinLocked: ['pinFailures'],
  driver: ['driverId'],
  packs: ['packId'],
  recipient: ['recipientId'],
};

/** The fields of the deliveries resolved at `info`, with the loader's key. */
export const deliveryFields = (info: GraphQLResolveInfo) =>
  selectedFields(info, { reads: DELIVERY_READS, always: ['packId'] });

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
