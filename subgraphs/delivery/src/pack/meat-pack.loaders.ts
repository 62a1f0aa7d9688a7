import { byKey, groupByKey, leanFind, type SubgraphContext } from '@qurbani/kit';
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

/** The packs of each sacrifice the viewer may see, oldest first (`Sacrifice.meatPacks`). */
export const packsBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack[]>('MeatPack.bySacrificeId', async (ids) =>
    groupByKey(
      ids,
      await leanFind(
        ctx.reads,
        MeatPack,
        { $and: [{ sacrificeId: { $in: [...ids] } }, meatPackFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' } },
      ),
      (p) => p.sacrificeId,
    ),
  );
