import { isAccount, type EntityCache, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { accountCardById, selectsCardOnly, type AccountCard } from './account-cards.js';
import { accountById } from './account.loaders.js';

/**
 * `_entities` for accounts (`Sacrifice.executor`, `Delivery.driver`, ...). A signed-in viewer may
 * see every account's card (`accountFilter`), so a fetch of card fields only is answered from the
 * shared cache; anything else (the login, the disabled date, or a viewer who is not signed in)
 * loads the row through the policy.
 */
export const accountReference = (cards?: EntityCache<AccountCard>) => ({
  Account: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext, info?: GraphQLResolveInfo) =>
      cards && isAccount(ctx.viewer) && selectsCardOnly(info)
        ? accountCardById(ctx, cards).load(ref.id)
        : accountById(ctx).load(ref.id),
  },
});
