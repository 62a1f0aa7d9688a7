import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, findPage, type PageArgs } from '@qurbani/kit';
import { DEFAULT_WINDOW_END, DEFAULT_WINDOW_START, seasonDays } from '../sacrifice/sacrifice-window.rules.js';
import { assertLocalTime } from '../shared/local-time.js';
import type { CreateSeasonInput } from './season.inputs.js';
import { Season } from './season.entity.js';

export class SeasonService {
  async create(em: EntityManager, input: CreateSeasonInput): Promise<Season> {
    const name = input.name.trim();
    if (!name || name.length > 120) throw badInput('Give a season name of 1 to 120 characters.', 'name');
    const { day10, day13 } = seasonDays(input.hijriYear, input.day10);
    if (await em.count(Season, { hijriYear: input.hijriYear }))
      throw conflict(`A season for ${input.hijriYear} AH already exists.`);
    const season = em.create(Season, {
      name,
      hijriYear: input.hijriYear,
      day10,
      day13,
      windowStartLocal: assertLocalTime(input.windowStartLocal ?? DEFAULT_WINDOW_START, 'windowStartLocal'),
      windowEndLocal: assertLocalTime(input.windowEndLocal ?? DEFAULT_WINDOW_END, 'windowEndLocal'),
    });
    await em.flush();
    return season;
  }

  /** Newest season first: organizers mostly work on the current one. */
  async list(em: EntityManager, page: PageArgs) {
    return findPage(em, Season, {}, page, { newestFirst: true });
  }
}
