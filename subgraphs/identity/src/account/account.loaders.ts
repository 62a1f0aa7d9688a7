import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Account } from './account.entity.js';

/** One `IN` query per batch of account ids in a request. */
export const accountById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Account | null>('Account.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Account, { id: { $in: [...ids] } }), (a) => a.id),
  );
