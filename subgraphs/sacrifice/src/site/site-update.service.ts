import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject } from '@qurbani/events';
import { audit, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { assertLocalTime } from '../shared/local-time.js';
import { assertTimeZone } from '../shared/zoned-time.js';
import { Site } from './site.entity.js';
import type { UpdateSiteInput } from './site.inputs.js';
import { siteCoordinate, siteText } from './site.rules.js';

const summary = (site: Site) => ({
  name: site.name,
  region: site.region,
  timeZone: site.timeZone,
  start: site.windowStartLocal,
  end: site.windowEndLocal,
  archived: site.archivedAt !== null,
});

/** An empty string puts the season's default back; anything else must be HH:MM. */
const windowTime = (value: string, field: string): string | null =>
  value.trim() === '' ? null : assertLocalTime(value, field);

/**
 * Corrects a site: its name, region and place any time; its time zone and window times only while
 * no sacrifice was recorded there, since a recorded time was judged against them.
 */
export async function updateSite(em: EntityManager, actor: AuditActor, id: string, input: UpdateSiteInput) {
  return em.fork().transactional(async (tx) => {
    // Locked: a sacrifice recorded meanwhile reads the window after this commits.
    const site = await tx.findOne(Site, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!site) throw notFound('Site', id);
    const before = summary(site);
    if (input.name != null) {
      const name = siteText(input.name, 'name');
      if (name !== site.name && (await tx.count(Site, { seasonId: site.seasonId, name })))
        throw conflict(`This season already has a site named ${name}.`);
      site.name = name;
    }
    if (input.region != null) site.region = siteText(input.region, 'region');
    if (input.latitude !== undefined) site.latitude = siteCoordinate(input.latitude, 90, 'latitude');
    if (input.longitude !== undefined) site.longitude = siteCoordinate(input.longitude, 180, 'longitude');
    const clock = {
      ...(input.timeZone != null ? { timeZone: assertTimeZone(input.timeZone) } : {}),
      ...(input.windowStartLocal != null
        ? { windowStartLocal: windowTime(input.windowStartLocal, 'windowStartLocal') }
        : {}),
      ...(input.windowEndLocal != null ? { windowEndLocal: windowTime(input.windowEndLocal, 'windowEndLocal') } : {}),
    };
    if (Object.entries(clock).some(([key, value]) => site[key as keyof typeof clock] !== value)) {
      const recorded = await tx.count(Sacrifice, { siteId: id, performedAt: { $ne: null } });
      if (recorded)
        throw conflict(
          `${recorded} sacrifices were recorded at this site; its window and time zone can no longer change.`,
        );
      Object.assign(site, clock);
    }
    await tx.flush();
    await audit(tx, 'sacrifice', actor, {
      action: 'site.updated',
      entityType: 'Site',
      entityIds: [id],
      before,
      after: summary(site),
    });
    return site;
  });
}

/**
 * Archives a site (it takes no new orders; what it already holds goes on) or brings it back, and
 * tells the donor subgraph, which places orders, in the same transaction.
 */
export async function setSiteArchived(em: EntityManager, actor: AuditActor, id: string, archived: boolean) {
  return em.fork().transactional(async (tx) => {
    const site = await tx.findOne(Site, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!site) throw notFound('Site', id);
    if ((site.archivedAt !== null) === archived)
      throw conflict(archived ? 'This site is already archived.' : 'This site is not archived.');
    site.archivedAt = archived ? new Date() : null;
    site.archiveVersion += 1;
    enqueue(tx, Subject.SiteArchiveSet, {
      siteId: id,
      seasonId: site.seasonId,
      archived,
      version: site.archiveVersion,
    });
    await tx.flush();
    await audit(tx, 'sacrifice', actor, {
      action: archived ? 'site.archived' : 'site.restored',
      entityType: 'Site',
      entityIds: [id],
      before: { archived: !archived },
      after: { archived },
    });
    return site;
  });
}
