import type { EntityClass, EntityManager, EventArgs, TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityCache } from './entity-cache.js';

/** What invalidation needs of a cache, whatever its rows. */
interface Invalidates {
  invalidate(ids: Iterable<string>): Promise<void>;
}

// Ids written per transaction (its entity manager names it), waiting for the commit.
const pending = new WeakMap<object, Map<Invalidates, Set<string>>>();

function remember(em: object, cache: Invalidates, ids: Iterable<string>) {
  let byCache = pending.get(em);
  if (!byCache) pending.set(em, (byCache = new Map()));
  let set = byCache.get(cache);
  if (!set) byCache.set(cache, (set = new Set()));
  for (const id of ids) set.add(id);
}

/**
 * Invalidates `cache` after each commit that changed or deleted rows of `entity` through the unit
 * of work. The commit waits for it, so the mutation answers only once no replica can serve the old row.
 * Writes that bypass the unit of work (`nativeUpdate`, SQL) call `invalidateAfterCommit` themselves.
 */
export function invalidateOnCommit<T extends object>(
  orm: MikroORM,
  entity: EntityClass<T>,
  // A cache may keep part of the entity's fields (say its public ones): it only needs the row's id.
  cache: Invalidates & { idOf(row: T): string },
  onError: (error: unknown) => void,
): void {
  const changed = ({ em, entity: row }: EventArgs<T>) => remember(em, cache, [cache.idOf(row)]);
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [entity],
    afterUpdate: changed,
    afterUpsert: changed,
    afterDelete: changed,
  });
  watchCommits(orm, onError);
}

/** Invalidates these rows once the transaction `em` belongs to commits (at once outside one). */
export async function invalidateAfterCommit<T extends object>(
  em: EntityManager,
  cache: EntityCache<T>,
  ids: Iterable<string>,
): Promise<void> {
  if (!em.isInTransaction()) return cache.invalidate(ids);
  remember(em, cache, ids);
}

const watched = new WeakSet<MikroORM>();
// A savepoint's release is not the commit: its ids wait for the next outer commit.
const nested = new Map<Invalidates, Set<string>>();

function watchCommits(orm: MikroORM, onError: (error: unknown) => void) {
  if (watched.has(orm)) return;
  watched.add(orm);
  orm.em.getEventManager().registerSubscriber({
    afterTransactionCommit: async ({ em, transaction }: TransactionEventArgs) => {
      const mine = pending.get(em);
      pending.delete(em);
      if (transaction?.savepointName) {
        for (const [cache, ids] of mine ?? []) for (const id of ids) addTo(nested, cache, id);
        return;
      }
      const all = new Map(nested);
      nested.clear();
      for (const [cache, ids] of mine ?? []) for (const id of ids) addTo(all, cache, id);
      await Promise.all(
        [...all].map(([cache, ids]) =>
          cache.invalidate(ids).catch((error: unknown) => {
            // The row then lives until its TTL: say so loudly, but the commit itself stands.
            onError(error);
          }),
        ),
      );
    },
    afterTransactionRollback: ({ em }: TransactionEventArgs) => {
      pending.delete(em);
    },
  });
}

function addTo(map: Map<Invalidates, Set<string>>, cache: Invalidates, id: string) {
  let set = map.get(cache);
  if (!set) map.set(cache, (set = new Set()));
  set.add(id);
}
