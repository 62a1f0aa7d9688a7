import { byKey, groupByKey, type SubgraphContext } from '@qurbani/kit';
import { OrderShare } from '../share/order-share.entity.js';
import { Sacrifice } from './sacrifice.entity.js';

/** One `IN` query per batch of sacrifice ids in a request. */
export const sacrificeById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sacrifice | null>('Sacrifice.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Sacrifice, { id: { $in: [...ids] } }), (s) => s.id),
  );

/** Shares of a batch of sacrifices, oldest share first. */
export const sharesBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OrderShare[]>('OrderShare.bySacrificeId', async (ids) =>
    groupByKey(ids, await ctx.em.find(OrderShare, { sacrificeId: { $in: [...ids] } }, { orderBy: { shareId: 'asc' } }), (s) => s.sacrificeId!),
  );

/**
 * Sacrifices of a batch of orders: one query for all orders of a request, however many the
 * gateway resolves (`order_ids && $1` uses the GIN index).
 */
export const sacrificesByOrderId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sacrifice[]>('Sacrifice.byOrderId', async (orderIds) => {
    const rows = await ctx.em.find(Sacrifice, { orderIds: { $overlap: [...orderIds] } }, { orderBy: { id: 'asc' } });
    const wanted = new Set(orderIds);
    const pairs = rows.flatMap((s) => s.orderIds.filter((o) => wanted.has(o)).map((orderId) => ({ orderId, s })));
    return groupByKey(orderIds, pairs, (p) => p.orderId).map((list) => list.map((p) => p.s));
  });
