import type { NotificationKind } from '@qurbani/events';

/**
 * One language's texts: an ICU MessageFormat string per notification kind, plus the title that
 * heads an e-mail or a push. `Partial`: a kind missing here falls back to English (and is counted);
 * the catalogue test fails on it, so a release never ships one.
 */
export interface Catalogue {
  readonly title: string;
  readonly texts: Partial<Readonly<Record<NotificationKind, string>>>;
}

/** English is the fallback of every other language, so it must have every kind (the compiler checks). */
export interface CompleteCatalogue extends Catalogue {
  readonly texts: Readonly<Record<NotificationKind, string>>;
}
