import { byKey, groupByKey, leanFind, selectedFields, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { MeatPack } from './meat-pack.entity.js';
import { meatPackFilter } from './meat-pack.policy.js';

// Every loader applies `meatPackFilter` in its one query: no path reaches a pack unchecked.

/** By id (`_entities`, `Delivery.packs`). */
export const packById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack | null>('MeatPack.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(MeatPack, { $and: [{ id: { $in: [...ids] } }, meatPackFilter(ctx.viewer)] }),
      (p) => p.id,
    ),
  );

/** The packs of each sacrifice the viewer may see, oldest first (`Sacrifice.meatPacks`), with each load's `packFields`. */
export const packsBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.withFields<string, MeatPack[]>('MeatPack.bySacrificeId', async (ids, fields) =>
    groupByKey(
      ids,
      await leanFind(
        ctx.reads,
        MeatPack,
        { $and: [{ sacrificeId: { $in: [...ids] } }, meatPackFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' }, fields },
      ),
      (p) => p.sacrificeId,
    ),
  );

/** The fields of `MeatPack` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const PACK_READS = {
  id: ['id'],
  status: ['status'],
  sacrificeId: ['sacrificeId'],
  weightKg: ['weightGrams'],
  sacrifice: ['sacrificeId'],
  delivery: ['id'],
};

/** The fields of the packs resolved at `info`, with the loader's key. */
export const packFields = (info: GraphQLResolveInfo) =>
  selectedFields(info, { reads: PACK_READS, always: ['sacrificeId'] });
