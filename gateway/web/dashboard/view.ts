import type { DashboardFiguresFragment } from '@qurbani/sdk';
import { el } from '../shared/dom.js';
import { numberFormat, type Lang, type Words } from './i18n.js';

/** A figure tile; `data-value` holds the raw number (the text may use Arabic-Indic digits). */
function tile(testId: string, label: string, value: number | string, fmt: Intl.NumberFormat) {
  const shown = typeof value === 'number' ? fmt.format(value) : value;
  return el(
    'div',
    { class: 'tile', 'data-testid': testId, 'data-value': String(value) },
    el('span', { class: 'label' }, label),
    el('strong', {}, shown),
  );
}

export function renderTiles(root: HTMLElement, d: DashboardFiguresFragment, words: Words, lang: Lang): void {
  const fmt = numberFormat(lang);
  const money = (currency: string, minor: number) =>
    new Intl.NumberFormat(lang === 'ar' ? 'ar-EG' : 'en-GB', { style: 'currency', currency }).format(minor / 100);
  const pending = d.allocationPendingBySpecies.reduce((n, s) => n + s.count, 0);
  root.replaceChildren(
    ...d.sacrificesByStatus.map((s) =>
      tile(`sacrifices-${s.status}`, `${words.sacrifices}: ${words.status[s.status] ?? s.status}`, s.count, fmt),
    ),
    tile('shares-pending', words.sharesPending, pending, fmt),
    tile('hides-at-risk', words.hidesAtRisk, d.hidesAtRisk, fmt),
    tile(
      'proceeds',
      words.proceeds,
      d.hideProceeds.map((p) => money(p.currency, p.amountMinor)).join(' · ') || '—',
      fmt,
    ),
  );
}

/** One row of tiles per kind (`orders-PAID`, `videos-FLAGGED`, `deliveries-DELIVERED`...), zeros included. */
export function renderCounts(
  root: HTMLElement,
  kind: string,
  counts: readonly { status: string; count: number }[],
  words: Words,
  lang: Lang,
): void {
  const fmt = numberFormat(lang);
  root.replaceChildren(
    ...counts.map((s) => tile(`${kind}-${s.status}`, words.status[s.status] ?? s.status, s.count, fmt)),
  );
}

export function renderSites(body: HTMLElement, d: DashboardFiguresFragment, words: Words, lang: Lang): void {
  const fmt = numberFormat(lang);
  body.replaceChildren(
    ...d.sites.map((s) =>
      el(
        'tr',
        { 'data-testid': `site-${s.siteId}`, class: s.onTrack ? 'on-track' : 'behind' },
        el('td', {}, s.siteName),
        el('td', { 'data-value': String(s.performed) }, fmt.format(s.performed)),
        el('td', { 'data-value': String(s.remaining) }, fmt.format(s.remaining)),
        el('td', {}, fmt.format(s.performedLastHour)),
        el('td', {}, s.neededPerHour == null ? '—' : fmt.format(s.neededPerHour)),
        el('td', {}, fmt.format(s.hoursLeft)),
        el('td', {}, s.onTrack ? words.onTrack : words.late),
      ),
    ),
  );
}
