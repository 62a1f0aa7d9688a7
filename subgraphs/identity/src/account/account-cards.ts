import type { MikroORM } from '@mikro-orm/postgresql';
import {
  cachedLoader,
  EntityCache,
  invalidateOnCommit,
  type EntityCacheMetrics,
  type SubgraphContext,
} from '@qurbani/kit';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Redis } from 'ioredis';
import { Account } from './account.entity.js';

/**
 * What every signed-in account may see of another (`account.policy.ts`): the executor's or driver's
 * name on a donor's screen. Never the login, encrypted or hashed, nor when an account was disabled.
 */
export type AccountCard = Pick<Account, 'id' | 'displayName' | 'roles' | 'createdAt'>;

const CARD_FIELDS = new Set(['id', 'displayName', 'roles', 'createdAt', '__typename']);

export interface AccountCardOptions {
  orm: MikroORM;
  redis: Redis;
  keyPrefix: string;
  metrics: EntityCacheMetrics;
  onError: (error: unknown) => void;
}

/**
 * Accounts' cards shared by the replicas in Redis: every tracking screen shows its sacrifices'
 * executor, and the same few hundred staff accounts are asked for all day. Only the card's fields
 * are read and stored, so no personal data reaches Redis.
 */
export function accountCards(options: AccountCardOptions): EntityCache<AccountCard> {
  const { orm, onError } = options;
  const cache = new EntityCache<AccountCard>({
    ...options,
    entity: 'AccountCard',
    keyPrefix: `${options.keyPrefix}identity:`,
    dateFields: ['createdAt'],
    load: async (ids) =>
      (
        await orm.em
          .fork()
          .find(Account, { id: { $in: [...ids] } }, { fields: ['id', 'displayName', 'roles', 'createdAt'] })
      ).map(({ id, displayName, roles, createdAt }) => ({ id, displayName, roles: [...roles], createdAt })),
    idOf: (card) => card.id,
  });
  invalidateOnCommit(orm, Account, cache, onError);
  return cache;
}

/**
 * The cards of a batch of accounts. No policy of its own: use it for viewers `accountFilter` lets
 * see every account's card (any signed-in account), and only for selections of card fields.
 */
export const accountCardById = (ctx: SubgraphContext, cards: EntityCache<AccountCard>) => cachedLoader(ctx, cards);

/** Whether the `_entities` call selects nothing of an account beyond its card. */
export function selectsCardOnly(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return false;
  return info.fieldNodes.every((node) => !node.selectionSet || onlyCardFields(node.selectionSet));
}

function onlyCardFields(set: SelectionSetNode): boolean {
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return CARD_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return (
        (!selection.typeCondition || selection.typeCondition.name.value === 'Account') &&
        onlyCardFields(selection.selectionSet)
      );
    // A named fragment would have to be looked up: take the whole row.
    return false;
  });
}
