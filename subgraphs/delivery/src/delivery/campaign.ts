const hijriYear = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', timeZone: 'UTC' });

/**
 * The season a delivery belongs to: the Hijri (Umm al-Qura) year. Eid al-Adha falls in the last
 * month of the Hijri year, so one Hijri year holds exactly one season, whereas a Gregorian year can
 * hold two (2006) as the festival moves about 11 days earlier each year.
 */
export function campaignOf(date: Date): string {
  return hijriYear.formatToParts(date).find((p) => p.type === 'year')!.value;
}
