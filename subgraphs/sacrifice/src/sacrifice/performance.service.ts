import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, invalidateAfterCommit, notFound, type EntityCache, type Viewer } from '@qurbani/kit';
import { Animal, AnimalStatus } from '../animal/animal.entity.js';
import { Season } from '../season/season.entity.js';
import { Site } from '../site/site.entity.js';
import { applyProofOutcome } from './proof.handler.js';
import { SacrificeStatus } from './sacrifice-status.js';
import { emitStatusChanged } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';
import { sacrificeTimeWithinWindow, windowOf } from './sacrifice-window.rules.js';

export class PerformanceService {
  constructor(
    private readonly now: () => Date,
    private readonly animals: EntityCache<Animal>,
  ) {}

  /** The assigned executor records that the animal was sacrificed: only inside the site's window (sacrifice-window.rules), by the server's clock (performed-at.rules). */
  async recordPerformed(
    em: EntityManager,
    executor: Viewer,
    sacrificeId: string,
    performedAt: Date | undefined,
  ): Promise<Sacrifice> {
    return em.transactional(async (tx) => {
      const s = await tx.findOne(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Another executor's sacrifice is as invisible to them as a missing one.
      if (!s || s.executorId !== executor.id) throw notFound('Sacrifice', sacrificeId);
      if (s.status !== SacrificeStatus.ASSIGNED) throw conflict('This sacrifice was already recorded as performed.');
      const site = await tx.findOneOrFail(Site, { id: s.siteId });
      const window = windowOf(await tx.findOneOrFail(Season, { id: site.seasonId }), site);
      const now = this.now();
      const at = sacrificeTimeWithinWindow(site.name, window, performedAt, now);
      s.status = SacrificeStatus.PERFORMED;
      s.performedAt = at;
      await tx.nativeUpdate(Animal, { id: s.animalId }, { status: AnimalStatus.SACRIFICED });
      await invalidateAfterCommit(tx, this.animals, [s.animalId]);
      emitStatusChanged(tx, s, at);
      // The proof video may have been checked before the executor got to record this.
      applyProofOutcome(tx, s, now);
      return s;
    });
  }
}
