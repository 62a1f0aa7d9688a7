import { byKey, groupByKey, type SubgraphContext } from '@qurbani/kit';
import { Hide } from './hide.entity.js';

/** Hides with their owner ids, joined in the same query: authorizing a batch costs no extra SQL. */
export const hideById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Hide | null>('Hide.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Hide, { id: { $in: [...ids] } }, { populate: ['allocation'], strategy: 'joined' }), (h) => h.id),
  );

export const hideBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Hide | null>('Hide.bySacrificeId', async (ids) =>
    byKey(ids, await ctx.em.find(Hide, { allocation: { sacrificeId: { $in: [...ids] } } }), (h) => h.sacrificeId),
  );

export const hidesByLotId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Hide[]>('Hide.byLotId', async (ids) =>
    groupByKey(ids, await ctx.em.find(Hide, { lot: { id: { $in: [...ids] } } }, { orderBy: { id: 'asc' } }), (h) => h.lot!.id),
  );
