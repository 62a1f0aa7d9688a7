import { badInput } from '@qurbani/kit';
import { addDays } from '../shared/local-time.js';

const DAY_MS = 86_400_000;
/** Node's ICU Umm al-Qura table covers roughly 1300–1600 AH; outside it falls back to arithmetic. */
const MIN_HIJRI_YEAR = 1400;
const MAX_HIJRI_YEAR = 1600;
/** 1 Muharram 1 AH in the proleptic Gregorian calendar. */
const HIJRI_EPOCH = Date.UTC(622, 6, 19);
const MEAN_YEAR_DAYS = 354.36667;

const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Umm al-Qura date of a Gregorian day. */
function hijriDateOf(isoDate: string): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(
    umalqura.formatToParts(new Date(`${isoDate}T00:00:00Z`)).map((p) => [p.type, p.value]),
  );
  return { year: parseInt(parts.year!, 10), month: parseInt(parts.month!, 10), day: parseInt(parts.day!, 10) };
}

/**
 * The Gregorian date of `day` Dhul-Hijjah `hijriYear` in the Umm al-Qura calendar: estimate it from
 * the mean year length, then scan the days around the estimate with `Intl`.
 */
export function dhulHijjahDay(hijriYear: number, day: number): string {
  if (!Number.isInteger(hijriYear) || hijriYear < MIN_HIJRI_YEAR || hijriYear > MAX_HIJRI_YEAR) {
    throw badInput(`hijriYear must be between ${MIN_HIJRI_YEAR} and ${MAX_HIJRI_YEAR}.`, 'hijriYear');
  }
  const estimate = new Date(HIJRI_EPOCH + Math.round((hijriYear - 1) * MEAN_YEAR_DAYS + 325 + day - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  for (let delta = 0; delta <= 40; delta++) {
    for (const candidate of delta === 0 ? [estimate] : [addDays(estimate, -delta), addDays(estimate, delta)]) {
      const h = hijriDateOf(candidate);
      if (h.year === hijriYear && h.month === 12 && h.day === day) return candidate;
    }
  }
  throw new Error(`no Gregorian date found for ${day} Dhul-Hijjah ${hijriYear}`);
}
