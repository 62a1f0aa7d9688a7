import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Sale } from './sale.entity.js';
import { saleFilter } from './sale.policy.js';

export const saleById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sale | null>('Sale.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Sale, { $and: [{ id: { $in: [...ids] } }, saleFilter(ctx.viewer)] }), (s) => s.id),
  );

export const saleByLotId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sale | null>('Sale.byLotId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(Sale, { $and: [{ lot: { id: { $in: [...ids] } } }, saleFilter(ctx.viewer)] }),
      (s) => s.lot.id,
    ),
  );
