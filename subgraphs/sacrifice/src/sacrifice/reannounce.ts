import type { EntityManager } from '@mikro-orm/postgresql';
import { Season } from '../season/season.entity.js';
import { OrderShare } from '../share/order-share.entity.js';
import { Site } from '../site/site.entity.js';
import { windowOf } from './sacrifice-window.rules.js';
import { emitAllocated, emitAssigned } from './sacrifice.events.js';
import type { Sacrifice } from './sacrifice.entity.js';

/**
 * Announces a sacrifice again after what it carries changed (other names after a refund, another
 * animal after a replacement): `sacrifice.allocated`, and `sacrifice.assigned` with the names to say
 * when an executor has it, so every copy (access, deliveries, the executor's task) follows.
 */
export async function reannounce(em: EntityManager, sacrifice: Sacrifice, at: Date): Promise<void> {
  emitAllocated(em, sacrifice, at);
  if (!sacrifice.executorId) return;
  const site = await em.findOneOrFail(Site, { id: sacrifice.siteId });
  const shares = await em.find(
    OrderShare,
    { sacrificeId: sacrifice.id },
    { orderBy: { shareId: 'asc' }, fields: ['shareId', 'offeredFor'] },
  );
  emitAssigned(em, sacrifice, at, {
    timeZone: site.timeZone,
    names: shares.map((s) => s.offeredFor),
    windowEndsAt: windowOf(await em.findOneOrFail(Season, { id: site.seasonId }), site).endsAt,
  });
}
