import type { ServiceTelemetry } from '@qurbani/kit';

/** Counts a verdict as it is stored (a retry after a failed commit counts it again: the rate is what matters). */
export type VerdictCounter = (siteId: string | null, outcome: string) => void;

/**
 * `proof_verdicts_total{site, outcome}`: the pass rate per site, whose drift the alert rules watch
 * (a changed camera, a new executor's habits or a model update moves it). Sites are a few hundred
 * at most a season, so the label stays bounded.
 */
export function verdictCounter(telemetry: ServiceTelemetry): VerdictCounter {
  const verdicts = telemetry.metrics.counter(
    'proof_verdicts_total',
    'Proof video verdicts stored, by site and outcome.',
    ['site', 'outcome'],
  );
  return (siteId, outcome) => verdicts.inc({ site: siteId ?? 'unknown', outcome });
}
