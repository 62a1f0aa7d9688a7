import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, DomainError, ErrorCode, notFound, type Viewer } from '@qurbani/kit';
import { Animal, AnimalStatus } from '../animal/animal.entity.js';
import { Season } from '../season/season.entity.js';
import { formatWallTime } from '../shared/zoned-time.js';
import { Site } from '../site/site.entity.js';
import { isWithin, windowOf, type SiteWindow } from '../site/site-window.js';
import { MAX_CLIENT_LAG_MS, performedAtOf } from './performed-at.rules.js';
import { applyProofOutcome } from './proof.handler.js';
import { SacrificeStatus } from './sacrifice-status.js';
import { emitStatusChanged } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';

function outsideWindow(site: Site, window: SiteWindow, at: Date, reason: string, whose = 'the time given'): DomainError {
  return new DomainError(
    ErrorCode.OutsideSacrificeWindow,
    `${reason} Sacrifices at ${site.name} are valid from ${window.startsAtLocal} to ${window.endsAtLocal} (${window.timeZone}); ` +
      `${whose} is ${formatWallTime(at, window.timeZone)} there.`,
    { windowStartsAt: window.startsAt.toISOString(), windowEndsAt: window.endsAt.toISOString(), timeZone: window.timeZone },
  );
}

const LAG_MINUTES = MAX_CLIENT_LAG_MS / 60_000;

/** The time to record, or the error that tells the executor why none can be. */
function whenPerformed(site: Site, window: SiteWindow, claimed: Date | undefined, now: Date): Date {
  const checked = performedAtOf(claimed, now);
  if (checked.ok) {
    if (!isWithin(window, checked.at)) throw outsideWindow(site, window, checked.at, 'This is outside the sacrifice window.');
    return checked.at;
  }
  if (checked.problem === 'FUTURE') throw outsideWindow(site, window, checked.claimed, 'performedAt is in the future.');
  if (!isWithin(window, checked.claimed)) throw outsideWindow(site, window, checked.claimed, 'This is outside the sacrifice window.');
  // A time inside the window but long past: when the server's own time is outside, this is a late
  // record backdated into the window, and the window is the reason to give.
  if (!isWithin(window, now)) {
    throw outsideWindow(site, window, now, `performedAt may be at most ${LAG_MINUTES} minutes before the server's clock, which is outside the sacrifice window.`, 'the server\'s time');
  }
  throw badInput(`performedAt may be at most ${LAG_MINUTES} minutes before the server's clock; leave it out to record the sacrifice now.`, 'performedAt');
}

export class PerformanceService {
  constructor(private readonly now: () => Date) {}

  /** The assigned executor records that the animal was sacrificed; only inside the site's window, by the server's clock (see performed-at.rules). */
  async recordPerformed(em: EntityManager, executor: Viewer, sacrificeId: string, performedAt: Date | undefined): Promise<Sacrifice> {
    return em.transactional(async (tx) => {
      const s = await tx.findOne(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Another executor's sacrifice is as invisible to them as a missing one.
      if (!s || s.executorId !== executor.id) throw notFound('Sacrifice', sacrificeId);
      if (s.status !== SacrificeStatus.ASSIGNED) throw conflict('This sacrifice was already recorded as performed.');
      const site = await tx.findOneOrFail(Site, { id: s.siteId });
      const window = windowOf(await tx.findOneOrFail(Season, { id: site.seasonId }), site);
      const now = this.now();
      const at = whenPerformed(site, window, performedAt, now);
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
