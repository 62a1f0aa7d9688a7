import { HideStatus } from './hide.enums.js';

/**
 * PRODUCT rule "Hides": about 40% of hides spoil in the heat when not salted in time, so each hide
 * gets a deadline to be preserved when it is collected, and an unsalted hide close to or past it is
 * shown "at risk" for the team to salt first. (The length of the window is configuration:
 * `HIDE_PRESERVE_WINDOW_MINUTES`, 6 hours by default.)
 */

/** How long before its deadline an unsalted hide starts to count as at risk. */
const AT_RISK_MARGIN_MS = 60 * 60 * 1000;

/** The time by which a hide collected at `collectedAt` must be preserved. */
export const preserveByOf = (collectedAt: Date, preserveWindowMs: number) =>
  new Date(collectedAt.getTime() + preserveWindowMs);

/** Not preserved yet, and the preservation deadline is less than an hour away or already past. */
export function isAtRisk(hide: { status: HideStatus; preserveBy: Date }, now: Date): boolean {
  return hide.status === HideStatus.COLLECTED && hide.preserveBy.getTime() - now.getTime() <= AT_RISK_MARGIN_MS;
}

/** The latest deadline that still counts as at risk at `now`; for queries. */
export const atRiskDeadline = (now: Date) => new Date(now.getTime() + AT_RISK_MARGIN_MS);
