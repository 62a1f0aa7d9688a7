import { groupByKey, type SubgraphContext } from '@qurbani/kit';
import { Payment } from './payment.entity.js';
import { paymentFilter } from './payment.policy.js';

/** One `IN` query per batch of orders, authorized by `paymentFilter`; each order's payments oldest first. */
export const paymentsByOrderId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Payment[]>('Payment.byOrderId', async (orderIds) =>
    groupByKey(
      orderIds,
      await ctx.em.find(
        Payment,
        { $and: [{ orderId: { $in: [...orderIds] } }, paymentFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' } },
      ),
      (p) => p.orderId,
    ),
  );
