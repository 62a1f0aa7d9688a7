import type { EntityManager } from '@mikro-orm/postgresql';
import { Subject, type ConsumerFactory, type EventPayloads } from '@qurbani/events';
import { AllocatedSacrifice } from './allocated-sacrifice.entity.js';

type Allocated = EventPayloads[typeof Subject.SacrificeAllocated];

/** A re-allocation replaces the copy; the first allocation time is kept. */
export async function onAllocated(em: EntityManager, event: Allocated): Promise<void> {
  await em
    .createQueryBuilder(AllocatedSacrifice)
    .insert({ sacrificeId: event.sacrificeId, siteId: event.siteId, species: event.species, donorIds: [...event.donorIds], allocatedAt: new Date() })
    .onConflict('sacrificeId')
    .merge(['siteId', 'species', 'donorIds'])
    .execute('run');
}

/** Durable `skin-sacrifice-allocated`. */
export const allocationConsumers: ConsumerFactory[] = [
  (base) => base.start({ durable: 'skin-sacrifice-allocated', subjects: [Subject.SacrificeAllocated], concurrency: 1, handler: onAllocated }),
];
