import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { seasonDays } from '../sacrifice/sacrifice-window.rules.js';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { assertLocalTime } from '../shared/local-time.js';
import { Site } from '../site/site.entity.js';
import { Season } from './season.entity.js';
import type { UpdateSeasonInput } from './season.inputs.js';

/** Corrects a season: its name any time; its window (dates, times) only while no sacrifice of it was recorded. */
export async function updateSeason(
  em: EntityManager,
  actor: AuditActor,
  seasonId: string,
  input: UpdateSeasonInput,
): Promise<Season> {
  return em.transactional(async (tx) => {
    // Locked: a sacrifice recorded meanwhile reads the window after this commits.
    const season = await tx.findOne(Season, { id: seasonId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!season) throw notFound('Season', seasonId);
    const before = {
      name: season.name,
      day10: season.day10,
      start: season.windowStartLocal,
      end: season.windowEndLocal,
    };
    if (input.name != null) {
      const name = input.name.trim();
      if (!name || name.length > 120) throw badInput('Give a season name of 1 to 120 characters.', 'name');
      season.name = name;
    }
    const window = {
      ...(input.day10 != null ? seasonDays(season.hijriYear, input.day10) : {}),
      ...(input.windowStartLocal != null
        ? { windowStartLocal: assertLocalTime(input.windowStartLocal, 'windowStartLocal') }
        : {}),
      ...(input.windowEndLocal != null
        ? { windowEndLocal: assertLocalTime(input.windowEndLocal, 'windowEndLocal') }
        : {}),
    };
    const moves = Object.entries(window).some(([key, value]) => season[key as keyof typeof window] !== value);
    if (moves) {
      const sites = await tx.find(Site, { seasonId }, { fields: ['id'] });
      const recorded = await tx.count(Sacrifice, {
        siteId: { $in: sites.map((s) => s.id) },
        performedAt: { $ne: null },
      });
      if (recorded) throw conflict(`${recorded} sacrifices were recorded in this window; it can no longer move.`);
      Object.assign(season, window);
    }
    await tx.flush();
    await audit(tx, 'sacrifice', actor, {
      action: 'season.updated',
      entityType: 'Season',
      entityIds: [seasonId],
      before,
      after: { name: season.name, day10: season.day10, start: season.windowStartLocal, end: season.windowEndLocal },
    });
    return season;
  });
}
