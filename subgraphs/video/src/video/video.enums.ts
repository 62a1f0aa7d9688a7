import { registerEnumType } from 'type-graphql';

/** Life of one recording attempt. */
export enum VideoStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  UPLOADED = 'UPLOADED',
  PROCESSING = 'PROCESSING',
  VALIDATED = 'VALIDATED',
  FLAGGED = 'FLAGGED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

/** Outcome of one automatic check. Only PASS is a pass: UNAVAILABLE means "unknown", not "false". */
export enum CheckResult {
  PASS = 'PASS',
  FAIL_SUSPECTED = 'FAIL_SUSPECTED',
  MANUAL_REVIEW = 'MANUAL_REVIEW',
  UNAVAILABLE = 'UNAVAILABLE',
}

export enum ReviewOutcome {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(VideoStatus, {
  name: 'VideoStatus',
  description: 'Where a proof video is: waiting for the executor, in the pipeline, or decided.',
  valuesConfig: {
    VALIDATED: { description: 'Both automatic checks passed.' },
    FLAGGED: { description: 'A check did not pass; waits for a reviewer.' },
    REJECTED: { description: 'A reviewer asked for a re-take.' },
    FAILED: { description: 'The pipeline could not process the file; record again.' },
  },
});
registerEnumType(CheckResult, { name: 'CheckResult', description: 'Result of the scene or name check.' });
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome', description: 'A reviewer decision on a flagged video.' });

/** A sacrifice whose latest video is in one of these needs no new recording. */
export const SETTLED_STATUSES: readonly VideoStatus[] = [VideoStatus.VALIDATED, VideoStatus.APPROVED];

/** A new attempt may be requested only after one of these. */
export const RETAKE_STATUSES: readonly VideoStatus[] = [VideoStatus.REJECTED, VideoStatus.FAILED];
