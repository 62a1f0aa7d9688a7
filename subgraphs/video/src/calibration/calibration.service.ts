import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '@qurbani/kit';
import { ReviewDecision } from '../video/review-decision.entity.js';
import { calibrate } from './calibration.rules.js';
import type { ReviewCalibration } from './calibration.types.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 400;

/** The calibration report over the decisions of a time range (default: the last 30 days). */
export async function reviewCalibration(
  em: EntityManager,
  now: Date,
  range: { from?: Date | null; to?: Date | null; minFailures: number },
): Promise<ReviewCalibration> {
  const to = range.to ?? now;
  const from = range.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (!(from < to)) throw badInput('from must be before to.', 'from');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw badInput(`Give a range of at most ${MAX_RANGE_DAYS} days.`, 'from');
  if (!Number.isInteger(range.minFailures) || range.minFailures < 1 || range.minFailures > 10_000)
    throw badInput('minFailures must be between 1 and 10000.', 'minFailures');
  // Only the columns the report reads; decisions made before labels were kept have no scores.
  const rows = await em.find(
    ReviewDecision,
    { decidedAt: { $gte: from, $lt: to }, scores: { $ne: null } },
    { fields: ['decision', 'failedChecks', 'scores'], orderBy: { decidedAt: 'asc' } },
  );
  const labels = rows.map((r) => ({ scores: r.scores!, decision: r.decision, failedChecks: r.failedChecks }));
  return { from, to, decisions: labels.length, checks: calibrate(labels, range.minFailures) };
}
