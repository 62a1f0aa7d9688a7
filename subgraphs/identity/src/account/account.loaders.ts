import { byKey, leanFind, type SubgraphContext } from '@qurbani/kit';
import { Account } from './account.entity.js';
import { accountFilter } from './account.policy.js';

/** One `IN` query per batch of account ids, authorized by `accountFilter`. */
export const accountById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Account | null>('Account.byId', async (ids) =>
    byKey(
      ids,
      await leanFind(ctx.reads, Account, { $and: [{ id: { $in: [...ids] } }, accountFilter(ctx.viewer)] }),
      (a) => a.id,
    ),
  );
