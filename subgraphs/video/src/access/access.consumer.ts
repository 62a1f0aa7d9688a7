import type { EntityManager } from '@mikro-orm/postgresql';
import { Subject, type ConsumerFactory, type EventPayloads } from '@qurbani/events';
import { SacrificeAccess } from './sacrifice-access.entity.js';

type Allocated = EventPayloads[typeof Subject.SacrificeAllocated];
type Assigned = EventPayloads[typeof Subject.SacrificeAssigned];

// Upserts touch only the columns the event owns: `assigned` may arrive before `allocated`
// (separate durables), and neither may erase what the other wrote.
async function onAllocated(em: EntityManager, event: Allocated): Promise<void> {
  await em
    .createQueryBuilder(SacrificeAccess)
    .insert({
      sacrificeId: event.sacrificeId,
      siteId: event.siteId,
      donorIds: [...event.donorIds],
      updatedAt: new Date(),
    })
    .onConflict('sacrificeId')
    .merge(['siteId', 'donorIds', 'updatedAt'])
    .execute('run');
}

async function onAssigned(em: EntityManager, event: Assigned): Promise<void> {
  await em
    .createQueryBuilder(SacrificeAccess)
    .insert({
      sacrificeId: event.sacrificeId,
      executorId: event.executorId,
      donorIds: [...event.donorIds],
      windowEndsAt: event.windowEndsAt ? new Date(event.windowEndsAt) : null,
      updatedAt: new Date(),
    })
    .onConflict('sacrificeId')
    .merge(['executorId', 'donorIds', 'windowEndsAt', 'updatedAt'])
    .execute('run');
}

/** Durables `video-sacrifice-allocated` and `video-sacrifice-assigned`. */
export const accessConsumers: ConsumerFactory[] = [
  // One at a time: a re-assignment must not be overtaken by the assignment it replaces.
  (base) =>
    base.start({
      durable: 'video-sacrifice-allocated',
      subjects: [Subject.SacrificeAllocated],
      concurrency: 1,
      handler: onAllocated,
    }),
  (base) =>
    base.start({
      durable: 'video-sacrifice-assigned',
      subjects: [Subject.SacrificeAssigned],
      concurrency: 1,
      handler: onAssigned,
    }),
];
