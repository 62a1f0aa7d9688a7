import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, pageWindow, toConnection, type PageArgs } from '@qurbani/kit';
import { addDays, assertIsoDate, assertLocalTime, daysBetween } from '../shared/local-time.js';
import { dhulHijjahDay } from './hijri.js';
import type { CreateSeasonInput } from './season.inputs.js';
import { Season } from './season.entity.js';

export const DEFAULT_WINDOW_START = '07:30';
export const DEFAULT_WINDOW_END = '19:30';
/** Moon sightings differ from the Umm al-Qura calendar by a day or two, never more. */
const MAX_SIGHTING_DIFFERENCE_DAYS = 2;

export class SeasonService {
  async create(em: EntityManager, input: CreateSeasonInput): Promise<Season> {
    const name = input.name.trim();
    if (!name || name.length > 120) throw badInput('Give a season name of 1 to 120 characters.', 'name');
    const computed = dhulHijjahDay(input.hijriYear, 10);
    let day10 = computed;
    if (input.day10) {
      day10 = assertIsoDate(input.day10, 'day10');
      if (Math.abs(daysBetween(computed, day10)) > MAX_SIGHTING_DIFFERENCE_DAYS) {
        throw badInput(`day10 ${day10} is too far from 10 Dhul-Hijjah ${input.hijriYear} (${computed} in the Umm al-Qura calendar).`, 'day10');
      }
    }
    if (await em.count(Season, { hijriYear: input.hijriYear })) throw conflict(`A season for ${input.hijriYear} AH already exists.`);
    const season = em.create(Season, {
      name,
      hijriYear: input.hijriYear,
      day10,
      day13: addDays(day10, 3),
      windowStartLocal: assertLocalTime(input.windowStartLocal ?? DEFAULT_WINDOW_START, 'windowStartLocal'),
      windowEndLocal: assertLocalTime(input.windowEndLocal ?? DEFAULT_WINDOW_END, 'windowEndLocal'),
    });
    await em.flush();
    return season;
  }

  /** Newest season first: organizers mostly work on the current one. */
  async list(em: EntityManager, page: PageArgs) {
    const { limit, afterId } = pageWindow(page);
    const rows = await em.find(Season, afterId ? { id: { $lt: afterId } } : {}, { orderBy: { id: 'desc' }, limit: limit + 1 });
    return toConnection(rows, page);
  }
}
