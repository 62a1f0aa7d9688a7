import { groupByKey, type SubgraphContext } from '@qurbani/kit';
import { Payment } from './payment.entity.js';

/** One `IN` query per batch of orders in a request, each order's payments oldest first. */
export const paymentsByOrderId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Payment[]>('Payment.byOrderId', async (orderIds) =>
    groupByKey(orderIds, await ctx.em.find(Payment, { orderId: { $in: [...orderIds] } }, { orderBy: { id: 'asc' } }), (p) => p.orderId),
  );
