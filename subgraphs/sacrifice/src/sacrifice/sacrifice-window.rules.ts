import { badInput, DomainError, ErrorCode } from '@qurbani/kit';
import { dhulHijjahDay } from '../season/hijri.js';
import { addDays, assertIsoDate, daysBetween } from '../shared/local-time.js';
import { formatWallTime, wallTimeToInstant } from '../shared/zoned-time.js';
import { MAX_CLIENT_LAG_MS, performedAtOf } from './performed-at.rules.js';

/**
 * PRODUCT rule "Window": a sacrifice is valid only from after the Eid prayer on 10 Dhul-Hijjah
 * until sunset on 13 Dhul-Hijjah, in the site's local time. The season holds the Gregorian dates
 * (Umm al-Qura calendar) and default times; a site may override the times. A sacrifice recorded
 * outside is refused with OUTSIDE_SACRIFICE_WINDOW and a reason the executor can read.
 */

/** Default local times: the window opens after the Eid prayer and closes at sunset. */
export const DEFAULT_WINDOW_START = '07:30';
export const DEFAULT_WINDOW_END = '19:30';
/** Moon sightings differ from the Umm al-Qura calendar by a day or two, never more. */
const MAX_SIGHTING_DIFFERENCE_DAYS = 2;

/** When sacrifices at one site are valid, as instants and as the site's wall clock (`YYYY-MM-DD HH:MM`). */
export interface SacrificeWindow {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  startsAtLocal: string;
  endsAtLocal: string;
}

type SeasonTimes = { day10: string; day13: string; windowStartLocal: string; windowEndLocal: string };
type SiteTimes = { timeZone: string; windowStartLocal?: string | null; windowEndLocal?: string | null };

/**
 * The Gregorian days 10 and 13 Dhul-Hijjah of a Hijri year: from the Umm al-Qura calendar, or the
 * locally sighted day 10 when it is at most {@link MAX_SIGHTING_DIFFERENCE_DAYS} away from it.
 */
export function seasonDays(hijriYear: number, sightedDay10?: string | null): { day10: string; day13: string } {
  const computed = dhulHijjahDay(hijriYear, 10);
  let day10 = computed;
  if (sightedDay10) {
    day10 = assertIsoDate(sightedDay10, 'day10');
    if (Math.abs(daysBetween(computed, day10)) > MAX_SIGHTING_DIFFERENCE_DAYS) {
      throw badInput(
        `day10 ${day10} is too far from 10 Dhul-Hijjah ${hijriYear} (${computed} in the Umm al-Qura calendar).`,
        'day10',
      );
    }
  }
  return { day10, day13: addDays(day10, 3) };
}

/** From day 10 at the start time to day 13 at the end time, on the site's wall clock (site times win over the season's). */
export function windowOf(season: SeasonTimes, site: SiteTimes): SacrificeWindow {
  const startsAt = wallTimeToInstant(season.day10, site.windowStartLocal ?? season.windowStartLocal, site.timeZone);
  const endsAt = wallTimeToInstant(season.day13, site.windowEndLocal ?? season.windowEndLocal, site.timeZone);
  return {
    startsAt,
    endsAt,
    timeZone: site.timeZone,
    startsAtLocal: formatWallTime(startsAt, site.timeZone),
    endsAtLocal: formatWallTime(endsAt, site.timeZone),
  };
}

/** Both ends included: the first and the last minute count. */
export const isWithin = (window: SacrificeWindow, at: Date) => at >= window.startsAt && at <= window.endsAt;

function outsideWindow(
  siteName: string,
  window: SacrificeWindow,
  at: Date,
  reason: string,
  whose = 'the time given',
): DomainError {
  return new DomainError(
    ErrorCode.OutsideSacrificeWindow,
    `${reason} Sacrifices at ${siteName} are valid from ${window.startsAtLocal} to ${window.endsAtLocal} (${window.timeZone}); ` +
      `${whose} is ${formatWallTime(at, window.timeZone)} there.`,
    {
      windowStartsAt: window.startsAt.toISOString(),
      windowEndsAt: window.endsAt.toISOString(),
      timeZone: window.timeZone,
    },
  );
}

const LAG_MINUTES = MAX_CLIENT_LAG_MS / 60_000;

/**
 * The time to record a sacrifice at (the executor's claimed time, checked by `performed-at.rules`,
 * or the server's), or the error that tells the executor why none can be.
 */
export function sacrificeTimeWithinWindow(
  siteName: string,
  window: SacrificeWindow,
  claimed: Date | undefined,
  now: Date,
): Date {
  const checked = performedAtOf(claimed, now);
  if (checked.ok) {
    if (!isWithin(window, checked.at))
      throw outsideWindow(siteName, window, checked.at, 'This is outside the sacrifice window.');
    return checked.at;
  }
  if (checked.problem === 'FUTURE')
    throw outsideWindow(siteName, window, checked.claimed, 'performedAt is in the future.');
  if (!isWithin(window, checked.claimed))
    throw outsideWindow(siteName, window, checked.claimed, 'This is outside the sacrifice window.');
  // A time inside the window but long past: when the server's own time is outside, this is a late
  // record backdated into the window, and the window is the reason to give.
  if (!isWithin(window, now)) {
    throw outsideWindow(
      siteName,
      window,
      now,
      `performedAt may be at most ${LAG_MINUTES} minutes before the server's clock, which is outside the sacrifice window.`,
      "the server's time",
    );
  }
  throw badInput(
    `performedAt may be at most ${LAG_MINUTES} minutes before the server's clock; leave it out to record the sacrifice now.`,
    'performedAt',
  );
}
