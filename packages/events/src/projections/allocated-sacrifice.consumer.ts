import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConsumerFactory } from '../messaging.js';
import { Subject, type EventPayload } from '../subjects.js';
import { AllocatedSacrifice } from './allocated-sacrifice.entity.js';

/**
 * Stores `sacrifice.allocated` in {@link AllocatedSacrifice}. Idempotent: a re-allocation replaces
 * the site, species and donors, and keeps the time of the first allocation.
 */
export async function recordAllocatedSacrifice(
  em: EntityManager,
  event: EventPayload<typeof Subject.SacrificeAllocated>,
): Promise<void> {
  await em
    .createQueryBuilder(AllocatedSacrifice)
    .insert({
      sacrificeId: event.sacrificeId,
      siteId: event.siteId,
      species: event.species,
      donorIds: [...event.donorIds],
      allocatedAt: new Date(),
    })
    .onConflict('sacrificeId')
    .merge(['siteId', 'species', 'donorIds'])
    .execute('run');
}

/**
 * The consumer that keeps a subgraph's {@link AllocatedSacrifice} table; `durable` names it (one per
 * subgraph). One event at a time: a re-allocation must not be overtaken by the one it replaces.
 */
export const allocatedSacrificeConsumer =
  (durable: string): ConsumerFactory =>
  (base) =>
    base.start({ durable, subjects: [Subject.SacrificeAllocated], concurrency: 1, handler: recordAllocatedSacrifice });
