import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Recipient } from './recipient.entity.js';
import { recipientFilter } from './recipient.policy.js';

/** By id (`_entities`, `Delivery.recipient`), authorized by `recipientFilter` in the same query. */
export const recipientById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Recipient | null>('Recipient.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(Recipient, { $and: [{ id: { $in: [...ids] } }, recipientFilter(ctx.viewer)] }),
      (r) => r.id,
    ),
  );
