const hijriYear = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', timeZone: 'UTC' });

/**
 * The season of a hide: the Hijri (Umm al-Qura) year it was collected in. Eid al-Adha falls in the
 * last month of the Hijri year, so each Hijri year holds exactly one season (as deliveries' campaigns).
 */
export function seasonOf(collectedAt: Date): string {
  return hijriYear.formatToParts(collectedAt).find((p) => p.type === 'year')!.value;
}
