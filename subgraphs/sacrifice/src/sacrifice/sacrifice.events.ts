import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, NotificationKind, Subject } from '@qurbani/events';
import type { Sacrifice } from './sacrifice.entity.js';

/** Queued in the caller's transaction: the events commit with the change or not at all. */
export function emitAllocated(em: EntityManager, s: Sacrifice, at: Date): void {
  enqueue(em, Subject.SacrificeAllocated, {
    sacrificeId: s.id,
    animalId: s.animalId,
    siteId: s.siteId,
    species: s.species,
    orderIds: s.orderIds,
    donorIds: s.donorIds,
  });
  emitStatusChanged(em, s, at);
}

/** What the proof-video check needs besides the sacrifice: its site's time zone and the names to say. */
export interface ProofFacts {
  timeZone: string;
  /** `offeredFor` of every share on the animal, in share order. */
  names: string[];
  /** When the site's window closes. */
  windowEndsAt: Date;
}

export function emitAssigned(em: EntityManager, s: Sacrifice, at: Date, proof: ProofFacts): void {
  enqueue(em, Subject.SacrificeAssigned, {
    sacrificeId: s.id,
    executorId: s.executorId!,
    donorIds: s.donorIds,
    siteId: s.siteId,
    timeZone: proof.timeZone,
    species: s.species,
    names: proof.names,
    windowEndsAt: proof.windowEndsAt.toISOString(),
  });
  // The executor learns of it on their phone too (the names stay in the app, not in the message).
  enqueue(em, Subject.NotificationSend, {
    recipientAccountId: s.executorId!,
    kind: NotificationKind.SacrificeAssigned,
    params: { sacrificeId: s.id, species: s.species },
  });
  emitStatusChanged(em, s, at);
}

export function emitStatusChanged(em: EntityManager, s: Sacrifice, at: Date): void {
  enqueue(em, Subject.SacrificeStatusChanged, {
    sacrificeId: s.id,
    status: s.status,
    orderIds: s.orderIds,
    donorIds: s.donorIds,
    at: at.toISOString(),
  });
  // Subscribers following the sacrifice (gateway subscriptions) re-read it once this commits.
  enqueueLive(em, LiveKind.Sacrifice, s.id, { status: s.status });
  // The season's dashboard moves with every status change (the gateway coalesces bursts).
  enqueueLive(em, LiveKind.Dashboard, s.seasonId, {});
}
