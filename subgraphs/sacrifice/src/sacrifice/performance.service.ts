import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, DomainError, ErrorCode, notFound, type Viewer } from '@qurbani/kit';
import { Animal, AnimalStatus } from '../animal/animal.entity.js';
import { Season } from '../season/season.entity.js';
import { formatWallTime } from '../shared/zoned-time.js';
import { Site } from '../site/site.entity.js';
import { isWithin, windowOf, type SiteWindow } from '../site/site-window.js';
import { applyProofOutcome } from './proof.handler.js';
import { SacrificeStatus } from './sacrifice-status.js';
import { emitStatusChanged } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';

/** Phones in the field drift; a minute ahead of the server is not "the future". */
const CLOCK_SKEW_MS = 60_000;

function outsideWindow(site: Site, window: SiteWindow, at: Date, reason: string): DomainError {
  return new DomainError(
    ErrorCode.OutsideSacrificeWindow,
    `${reason} Sacrifices at ${site.name} are valid from ${window.startsAtLocal} to ${window.endsAtLocal} (${window.timeZone}); ` +
      `the time given is ${formatWallTime(at, window.timeZone)} there.`,
    { windowStartsAt: window.startsAt.toISOString(), windowEndsAt: window.endsAt.toISOString(), timeZone: window.timeZone },
  );
}

export class PerformanceService {
  constructor(private readonly now: () => Date) {}

  /** The assigned executor records that the animal was sacrificed; only inside the site's window. */
  async recordPerformed(em: EntityManager, executor: Viewer, sacrificeId: string, performedAt: Date | undefined): Promise<Sacrifice> {
    return em.transactional(async (tx) => {
      const s = await tx.findOne(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Another executor's sacrifice is as invisible to them as a missing one.
      if (!s || s.executorId !== executor.id) throw notFound('Sacrifice', sacrificeId);
      if (s.status !== SacrificeStatus.ASSIGNED) throw conflict('This sacrifice was already recorded as performed.');
      const site = await tx.findOneOrFail(Site, { id: s.siteId });
      const window = windowOf(await tx.findOneOrFail(Season, { id: site.seasonId }), site);
      const now = this.now();
      const at = performedAt ?? now;
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw outsideWindow(site, window, at, 'performedAt is in the future.');
      if (!isWithin(window, at)) throw outsideWindow(site, window, at, 'This is outside the sacrifice window.');
      s.status = SacrificeStatus.PERFORMED;
      s.performedAt = at;
      await tx.nativeUpdate(Animal, { id: s.animalId }, { status: AnimalStatus.SACRIFICED });
      emitStatusChanged(tx, s, at);
      // The proof video may have been checked before the executor got to record this.
      applyProofOutcome(tx, s, now);
      return s;
    });
  }
}
