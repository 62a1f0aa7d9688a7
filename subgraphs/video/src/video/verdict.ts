import { VideoOutcome } from '@qurbani/events';
import { badInput } from '@qurbani/kit';
import { CheckResult, VideoStatus } from './video.enums.js';

/** What the AI pipeline concluded about one video, as `video.processed-final` carries it. */
export interface Verdict {
  /** The proof outcome, decided by the orchestrator (`proof-outcome.rules.ts`); stored as it is, never recomputed here. */
  outcome: VideoOutcome;
  sceneCheck: CheckResult;
  nameCheck: CheckResult;
  /** Frames, detections, transcripts and scores; shown to reviewers. */
  evidence?: Record<string, unknown> | null;
  modelVersion?: string | null;
  blurredStorageKey?: string | null;
  durationSeconds?: number | null;
}

const DESCRIBE: Record<Exclude<CheckResult, CheckResult.PASS>, string> = {
  [CheckResult.FAIL_SUSPECTED]: 'suspects a failure',
  [CheckResult.MANUAL_REVIEW]: 'asks for a manual review',
  [CheckResult.UNAVAILABLE]: 'could not be computed',
};

/**
 * The status and reviewer's reason to store for a verdict: the status is the outcome the event
 * carries; the reason names each check that did not pass. Refuses values that are not a check
 * result or an outcome (a malformed payload), rather than guessing.
 */
export function storedVerdict(verdict: Pick<Verdict, 'outcome' | 'sceneCheck' | 'nameCheck'>): {
  status: VideoStatus;
  flaggedReason: string | null;
} {
  for (const [field, value] of [
    ['sceneCheck', verdict.sceneCheck],
    ['nameCheck', verdict.nameCheck],
  ] as const) {
    if (!Object.values(CheckResult).includes(value)) throw badInput(`${field} is not a check result.`, field);
  }
  if (verdict.outcome === VideoOutcome.VALIDATED) return { status: VideoStatus.VALIDATED, flaggedReason: null };
  if (verdict.outcome !== VideoOutcome.FLAGGED) throw badInput('outcome is not VALIDATED or FLAGGED.', 'outcome');
  const reasons: string[] = [];
  if (verdict.sceneCheck !== CheckResult.PASS) reasons.push(`scene check ${DESCRIBE[verdict.sceneCheck]}`);
  if (verdict.nameCheck !== CheckResult.PASS) reasons.push(`name check ${DESCRIBE[verdict.nameCheck]}`);
  const text = reasons.join('; ') || 'the pipeline flagged it for a reviewer';
  return { status: VideoStatus.FLAGGED, flaggedReason: text.charAt(0).toUpperCase() + text.slice(1) + '.' };
}
