import type { TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OutboxMessage } from './entities/outbox-message.js';

/**
 * Calls `wake` right after a transaction of this ORM commits outbox rows, so the relay publishes
 * them at once instead of at its next idle scan (and need not scan often while nothing happens).
 * Rows written by other processes, or in a nested transaction whose outer commit this misses, wait
 * for the relay's idle scan.
 */
export function onOutboxCommit(orm: MikroORM, wake: () => void): void {
  // A transaction's entity manager is a fork of its own: it names the transaction in both hooks.
  const writers = new WeakSet<object>();
  let nestedWrote = false;
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [OutboxMessage],
    afterCreate: ({ em }) => {
      writers.add(em);
    },
    afterTransactionCommit: ({ em, transaction }: TransactionEventArgs) => {
      const wrote = writers.delete(em);
      // A savepoint's release is not the commit: remember, and wake at the next outer commit.
      if (transaction?.savepointName) {
        nestedWrote ||= wrote;
        return;
      }
      if (!wrote && !nestedWrote) return;
      nestedWrote = false;
      wake();
    },
    afterTransactionRollback: ({ em }: TransactionEventArgs) => {
      writers.delete(em);
    },
  });
}
