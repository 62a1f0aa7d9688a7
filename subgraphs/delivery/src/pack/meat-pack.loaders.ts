import { byKey, groupByKey, leanFindJoined, type SubgraphContext } from '@qurbani/kit';
import { Delivery } from '../delivery/delivery.entity.js';
import { deliveryByPackId } from '../delivery/delivery.loaders.js';
import { deliveryFilter } from '../delivery/delivery.policy.js';
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

/**
 * The packs of each sacrifice the viewer may see, oldest first (`Sacrifice.meatPacks`). Each pack's
 * delivery comes in the same statement, under `deliveryFilter`, and is handed to `deliveryByPackId`:
 * the tracking screen asks for both, and a second statement would cost as much as the first.
 */
export const packsBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, MeatPack[]>('MeatPack.bySacrificeId', async (ids) => {
    const packs = await leanFindJoined(
      ctx.reads,
      MeatPack,
      { $and: [{ sacrificeId: { $in: [...ids] } }, meatPackFilter(ctx.viewer)] },
      { id: 'asc' },
      { entity: Delivery, where: deliveryFilter(ctx.viewer), on: 'packId' },
    );
    const deliveries = deliveryByPackId(ctx);
    for (const { row, joined } of packs) deliveries.prime(row.id, joined[0] ?? null);
    return groupByKey(
      ids,
      packs.map((p) => p.row),
      (p) => p.sacrificeId,
    );
  });
