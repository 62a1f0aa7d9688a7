import { byKey, groupByKey, leanFind, selectedFields, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Hide } from './hide.entity.js';
import { hideFilter } from './hide.policy.js';

// Every loader applies `hideFilter` in its one query: no path reaches a hide unchecked.

/** By id (`hide(id)`, `_entities`), with its owner ids joined in the same query. */
export const hideById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Hide | null>('Hide.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(
        Hide,
        { $and: [{ id: { $in: [...ids] } }, hideFilter(ctx.viewer)] },
        { populate: ['allocation'], strategy: 'joined' },
      ),
      (h) => h.id,
    ),
  );

/** `Sacrifice.hide`, on a stub the gateway may reach without the sacrifice subgraph; each load with its query's `hideFields`. */
export const hideBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.withFields<string, Hide | null>('Hide.bySacrificeId', async (ids, fields) =>
    byKey(
      ids,
      await leanFind(
        ctx.reads,
        Hide,
        { $and: [{ allocation: { sacrificeId: { $in: [...ids] } } }, hideFilter(ctx.viewer)] },
        { fields },
      ),
      (h) => h.sacrificeId,
    ),
  );

/** The fields of `Hide` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const HIDE_READS = {
  id: ['id'],
  status: ['status'],
  sacrificeId: ['allocation'],
  sacrifice: ['allocation'],
};

/** The fields a `Hide` resolved at `info` reads, with the loader's key. */
export const hideFields = (info: GraphQLResolveInfo) =>
  selectedFields(info, { reads: HIDE_READS, always: ['allocation'] });

export const hidesByLotId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Hide[]>('Hide.byLotId', async (ids) =>
    groupByKey(
      ids,
      await ctx.em.find(
        Hide,
        { $and: [{ lot: { id: { $in: [...ids] } } }, hideFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' } },
      ),
      (h) => h.lot!.id,
    ),
  );
