import { byKey, groupByKey, leanFind, selectedFields, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { OrderShare } from '../share/order-share.entity.js';
import { shareFilter } from '../share/share.policy.js';
import { Sacrifice } from './sacrifice.entity.js';
import { sacrificeFilter } from './sacrifice.policy.js';

// Every loader applies its module's policy in its one query: no path reaches a row unchecked.
// The loaders of field resolvers read lean rows (`leanFind`): nothing writes through them.

/** By id (`sacrifice(id)`, `_entities`), authorized by `sacrificeFilter`. */
export const sacrificeById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sacrifice | null>('Sacrifice.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(Sacrifice, { $and: [{ id: { $in: [...ids] } }, sacrificeFilter(ctx.viewer)] }),
      (s) => s.id,
    ),
  );

/** Shares of a batch of sacrifices the viewer may see (`shareFilter`), oldest share first. */
export const sharesBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OrderShare[]>('OrderShare.bySacrificeId', async (ids) =>
    groupByKey(
      ids,
      await leanFind(
        ctx.reads,
        OrderShare,
        { $and: [{ sacrificeId: { $in: [...ids] } }, shareFilter(ctx.viewer)] },
        { orderBy: { shareId: 'asc' } },
      ),
      (s) => s.sacrificeId!,
    ),
  );

/**
 * Sacrifices of a batch of orders (`Order.sacrifices`), authorized by `sacrificeFilter`: one query
 * for all orders of a request, however many the gateway resolves (`order_ids && $1` uses the GIN
 * index), with each load's `sacrificeFields`.
 */
export const sacrificesByOrderId = (ctx: SubgraphContext) =>
  ctx.loaders.withFields<string, Sacrifice[]>('Sacrifice.byOrderId', async (orderIds, fields) => {
    const rows = await leanFind(
      ctx.reads,
      Sacrifice,
      { $and: [{ orderIds: { $overlap: [...orderIds] } }, sacrificeFilter(ctx.viewer)] },
      { orderBy: { id: 'asc' }, fields },
    );
    const wanted = new Set(orderIds);
    const pairs = rows.flatMap((s) => s.orderIds.filter((o) => wanted.has(o)).map((orderId) => ({ orderId, s })));
    return groupByKey(orderIds, pairs, (p) => p.orderId).map((list) => list.map((p) => p.s));
  });

/** The fields of `Sacrifice` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const SACRIFICE_READS = {
  id: ['id'],
  species: ['species'],
  status: ['status'],
  performedAt: ['performedAt'],
  animal: ['animalId'],
  site: ['siteId'],
  executor: ['executorId'],
  shares: ['id', 'executorId'],
  namesToPronounce: ['id', 'executorId'],
  orders: ['id', 'executorId', 'orderIds'],
};

/** The fields of the sacrifices of a connection resolved at `info`, with the loader's key. */
export const sacrificeFields = (info: GraphQLResolveInfo) =>
  selectedFields(info, { reads: SACRIFICE_READS, always: ['orderIds'], path: ['edges', 'node'] });
