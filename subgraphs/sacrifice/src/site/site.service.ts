import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, conflict, findPage, notFound, type PageArgs } from '@qurbani/kit';
import { Season } from '../season/season.entity.js';
import { assertLocalTime } from '../shared/local-time.js';
import { assertTimeZone } from '../shared/zoned-time.js';
import { Site } from './site.entity.js';
import type { CreateSiteInput } from './site.inputs.js';
import { siteCoordinate, siteText } from './site.rules.js';

export class SiteService {
  async create(em: EntityManager, input: CreateSiteInput): Promise<Site> {
    const seasonId = assertId(input.seasonId, 'seasonId');
    const name = siteText(input.name, 'name');
    const fields = {
      seasonId,
      name,
      region: siteText(input.region, 'region'),
      timeZone: assertTimeZone(input.timeZone),
      windowStartLocal: input.windowStartLocal ? assertLocalTime(input.windowStartLocal, 'windowStartLocal') : null,
      windowEndLocal: input.windowEndLocal ? assertLocalTime(input.windowEndLocal, 'windowEndLocal') : null,
      latitude: siteCoordinate(input.latitude, 90, 'latitude'),
      longitude: siteCoordinate(input.longitude, 180, 'longitude'),
    };
    if (!(await em.count(Season, { id: seasonId }))) throw notFound('Season', seasonId);
    if (await em.count(Site, { seasonId, name })) throw conflict(`This season already has a site named ${name}.`);
    const site = em.create(Site, fields);
    await em.flush();
    return site;
  }

  async list(em: EntityManager, seasonId: string, includeArchived: boolean, page: PageArgs) {
    return findPage(em, Site, { seasonId, ...(includeArchived ? {} : { archivedAt: null }) }, page);
  }
}
