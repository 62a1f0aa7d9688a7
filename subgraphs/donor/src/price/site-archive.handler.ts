import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';

/** Keeps the newest archive state of each site; a replayed or late older event changes nothing. */
export async function onSiteArchiveSet(
  em: EntityManager,
  payload: EventPayload<typeof Subject.SiteArchiveSet>,
): Promise<void> {
  await em.execute(
    `insert into site_archive (site_id, archived, version) values (?, ?, ?)
     on conflict (site_id) do update set archived = excluded.archived, version = excluded.version
     where site_archive.version < excluded.version`,
    [assertId(payload.siteId, 'siteId'), payload.archived === true, payload.version],
  );
}
