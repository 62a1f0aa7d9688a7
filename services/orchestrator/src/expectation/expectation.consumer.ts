import type { EntityManager } from '@mikro-orm/postgresql';
import { consumer, Subject, type ConsumerFactory, type EventPayloads, type SacrificeStatus } from '@qurbani/events';
import { SacrificeExpectation } from './sacrifice-expectation.entity.js';

type Assigned = EventPayloads[typeof Subject.SacrificeAssigned];
type StatusChanged = EventPayloads[typeof Subject.SacrificeStatusChanged];

// Upserts touch only the columns their event owns: the two subjects have separate durables, so
// either may arrive first, and neither may erase what the other wrote.
async function onAssigned(em: EntityManager, event: Assigned): Promise<void> {
  // Events written before the names were added carry none: nothing to learn from them.
  if (!event.names?.length) return;
  await em
    .createQueryBuilder(SacrificeExpectation)
    .insert({
      sacrificeId: event.sacrificeId,
      siteId: event.siteId ?? null,
      timeZone: event.timeZone ?? null,
      species: event.species ?? null,
      names: [...event.names],
      updatedAt: new Date(),
    })
    .onConflict('sacrificeId')
    .merge(['siteId', 'timeZone', 'species', 'names', 'updatedAt'])
    .execute('run');
}

const TIME_OF: Readonly<Partial<Record<SacrificeStatus, 'assignedAt' | 'performedAt'>>> = {
  ASSIGNED: 'assignedAt',
  PERFORMED: 'performedAt',
};

async function onStatusChanged(em: EntityManager, event: StatusChanged): Promise<void> {
  const column = TIME_OF[event.status];
  if (!column) return;
  await em
    .createQueryBuilder(SacrificeExpectation)
    .insert({ sacrificeId: event.sacrificeId, names: [], [column]: new Date(event.at), updatedAt: new Date() })
    .onConflict('sacrificeId')
    .merge([column, 'updatedAt'])
    .execute('run');
}

/** Durables `orchestrator-sacrifice-assigned` and `orchestrator-sacrifice-status`. */
export const expectationConsumers: ConsumerFactory[] = [
  consumer({
    durable: 'orchestrator-sacrifice-assigned',
    subjects: [Subject.SacrificeAssigned],
    concurrency: 1,
    handler: onAssigned,
  }),
  consumer({
    durable: 'orchestrator-sacrifice-status',
    subjects: [Subject.SacrificeStatusChanged],
    concurrency: 1,
    handler: onStatusChanged,
  }),
];
