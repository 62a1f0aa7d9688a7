import { byKey, groupByKey, type SubgraphContext } from '@qurbani/kit';
import { visiblePacks } from '../shared/visibility.js';
import { MeatPack } from './meat-pack.entity.js';

/** Packs reached from a delivery the viewer was already allowed to see. */
export const packById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack | null>('MeatPack.byId', async (ids) =>
    byKey(ids, await ctx.em.find(MeatPack, { id: { $in: [...ids] } }), (p) => p.id),
  );

/** Packs reached by id from outside: authorized in the same query. */
export const visiblePackById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack | null>('MeatPack.visibleById', async (ids) =>
    byKey(ids, await ctx.em.find(MeatPack, { $and: [{ id: { $in: [...ids] } }, visiblePacks(ctx.viewer)] }), (p) => p.id),
  );

/** All packs of each sacrifice, oldest first: one query per batch of sacrifices. */
export const packsBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack[]>('MeatPack.bySacrificeId', async (ids) =>
    groupByKey(ids, await ctx.em.find(MeatPack, { sacrificeId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (p) => p.sacrificeId),
  );
