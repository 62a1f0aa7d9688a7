import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Sale } from './sale.entity.js';

export const saleById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sale | null>('Sale.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Sale, { id: { $in: [...ids] } }), (s) => s.id),
  );

export const saleByLotId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sale | null>('Sale.byLotId', async (ids) =>
    byKey(ids, await ctx.em.find(Sale, { lot: { id: { $in: [...ids] } } }), (s) => s.lot.id),
  );
