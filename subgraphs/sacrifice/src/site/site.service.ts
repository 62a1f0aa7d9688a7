import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, badInput, conflict, findPage, notFound, type PageArgs } from '@qurbani/kit';
import { Season } from '../season/season.entity.js';
import { assertLocalTime } from '../shared/local-time.js';
import { assertTimeZone } from '../shared/zoned-time.js';
import { Site } from './site.entity.js';
import type { CreateSiteInput } from './site.inputs.js';

function text(value: string, field: string): string {
  const v = value.trim();
  if (!v || v.length > 120) throw badInput(`Give a ${field} of 1 to 120 characters.`, field);
  return v;
}

function coordinate(value: number | null | undefined, limit: number, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || Math.abs(value) > limit)
    throw badInput(`${field} must be between -${limit} and ${limit}.`, field);
  return value;
}

export class SiteService {
  async create(em: EntityManager, input: CreateSiteInput): Promise<Site> {
    const seasonId = assertId(input.seasonId, 'seasonId');
    const name = text(input.name, 'name');
    const fields = {
      seasonId,
      name,
      region: text(input.region, 'region'),
      timeZone: assertTimeZone(input.timeZone),
      windowStartLocal: input.windowStartLocal ? assertLocalTime(input.windowStartLocal, 'windowStartLocal') : null,
      windowEndLocal: input.windowEndLocal ? assertLocalTime(input.windowEndLocal, 'windowEndLocal') : null,
      latitude: coordinate(input.latitude, 90, 'latitude'),
      longitude: coordinate(input.longitude, 180, 'longitude'),
    };
    if (!(await em.count(Season, { id: seasonId }))) throw notFound('Season', seasonId);
    if (await em.count(Site, { seasonId, name })) throw conflict(`This season already has a site named ${name}.`);
    const site = em.create(Site, fields);
    await em.flush();
    return site;
  }

  async list(em: EntityManager, seasonId: string, page: PageArgs) {
    return findPage(em, Site, { seasonId }, page);
  }
}
