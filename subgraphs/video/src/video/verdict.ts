import { badInput } from '@qurbani/kit';
import { CheckResult, VideoStatus } from './video.enums.js';

/** What the AI pipeline concluded about one video. */
export interface Verdict {
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
 * Validated only when both checks pass. Anything less goes to a reviewer: a check the models could
 * not compute is unknown, never a silent pass and never a silent failure.
 */
export function verdictOutcome(sceneCheck: CheckResult, nameCheck: CheckResult): { status: VideoStatus; flaggedReason: string | null } {
  for (const [field, value] of [['sceneCheck', sceneCheck], ['nameCheck', nameCheck]] as const) {
    if (!Object.values(CheckResult).includes(value)) throw badInput(`${field} is not a check result.`, field);
  }
  const reasons: string[] = [];
  if (sceneCheck !== CheckResult.PASS) reasons.push(`scene check ${DESCRIBE[sceneCheck]}`);
  if (nameCheck !== CheckResult.PASS) reasons.push(`name check ${DESCRIBE[nameCheck]}`);
  if (reasons.length === 0) return { status: VideoStatus.VALIDATED, flaggedReason: null };
  const text = reasons.join('; ');
  return { status: VideoStatus.FLAGGED, flaggedReason: text.charAt(0).toUpperCase() + text.slice(1) + '.' };
}
