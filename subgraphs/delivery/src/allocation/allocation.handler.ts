import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayloads, Subject } from '@qurbani/events';
import { AllocatedSacrifice } from './allocated-sacrifice.entity.js';

type Allocated = EventPayloads[typeof Subject.SacrificeAllocated];

/** Records (or refreshes, on a re-allocation) who may follow the sacrifice's packs. Idempotent. */
export async function recordAllocation(em: EntityManager, payload: Allocated): Promise<void> {
  await em.upsert(AllocatedSacrifice, {
    sacrificeId: payload.sacrificeId,
    siteId: payload.siteId,
    species: payload.species,
    donorIds: [...payload.donorIds],
    allocatedAt: new Date(),
  });
}
