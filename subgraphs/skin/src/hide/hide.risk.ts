import { HideStatus } from './hide.enums.js';

/** How long before its deadline an unsalted hide starts to count as at risk. */
export const AT_RISK_MARGIN_MS = 60 * 60 * 1000;

/** Not preserved yet, and the preservation deadline is less than an hour away or already past. */
export function isAtRisk(hide: { status: HideStatus; preserveBy: Date }, now: Date): boolean {
  return hide.status === HideStatus.COLLECTED && hide.preserveBy.getTime() - now.getTime() <= AT_RISK_MARGIN_MS;
}

/** The latest deadline that still counts as at risk at `now`; for queries. */
export const atRiskDeadline = (now: Date) => new Date(now.getTime() + AT_RISK_MARGIN_MS);
