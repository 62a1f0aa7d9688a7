import {
  CHECK_STATUSES,
  VideoOutcome,
  type CheckReport,
  type CheckStatus,
  type EventPayloads,
  type Subject,
} from '@qurbani/events';
import type { ModelError } from '../model/model.errors.js';
import type { AnalyzeResponse, ModelCheck, ModelHealth } from '../model/model.types.js';

/**
 * PRODUCT rule "Proof", decided here and only here: the outcome travels in `video.processed-final`
 * and the video and sacrifice subgraphs store it as it is. (The same-frame rule for person, animal
 * and knife is the model service's scene check; this file turns the two checks into the outcome.)
 */

type ProcessedFinal = EventPayloads[typeof Subject.VideoProcessedFinal];

/**
 * VALIDATED only when the scene check and the name check both passed. Anything less is FLAGGED for
 * a reviewer: a check the models could not compute (`unavailable`) is unknown, never a pass and
 * never a silent failure.
 */
export const proofOutcome = (scene: CheckStatus, names: CheckStatus): VideoOutcome =>
  scene === 'pass' && names === 'pass' ? VideoOutcome.VALIDATED : VideoOutcome.FLAGGED;

const asStatus = (value: unknown): CheckStatus =>
  CHECK_STATUSES.includes(value as CheckStatus) ? (value as CheckStatus) : 'unavailable';
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function report(check: ModelCheck | undefined, evidence: Record<string, unknown>): CheckReport {
  return {
    status: asStatus(check?.result),
    model: typeof check?.model === 'string' ? check.model : 'unknown',
    version: typeof check?.version === 'string' ? check.version : 'unknown',
    evidence,
  };
}

/**
 * The name check passes only if the service says so **and** its per-name results cover every
 * expected name with a pass: an answer that skipped a name is not a pass, whatever its summary says.
 */
function namesReport(response: AnalyzeResponse, expected: readonly string[], confusableCount: number): CheckReport {
  const perName = response.names.perName ?? [];
  const r = report(response.names, { ...(response.names.evidence ?? {}), perName, dayNamesSent: confusableCount });
  const covered = expected.every((name) => perName.some((p) => sameName(p.name, name) && p.result === 'pass'));
  if (r.status === 'pass' && !covered) {
    return {
      ...r,
      status: 'manual_review',
      evidence: { ...r.evidence, reason: 'the model passed the names without a pass for every expected name' },
    };
  }
  return r;
}

export interface VerdictInput {
  videoId: string;
  sacrificeId: string;
  expectedNames: readonly string[];
  confusableCount: number;
  service: ModelHealth;
  analyzedAt: Date;
}

/** VALIDATED only when the scene and every name passed; anything else goes to a reviewer. */
export function verdictFrom(input: VerdictInput, response: AnalyzeResponse): ProcessedFinal {
  const scene = report(response.scene, { ...(response.scene.evidence ?? {}) });
  const names = namesReport(response, input.expectedNames, input.confusableCount);
  return {
    videoId: input.videoId,
    sacrificeId: input.sacrificeId,
    outcome: proofOutcome(scene.status, names.status),
    checks: { scene, names },
    model: `${input.service.service} ${input.service.version}`,
    analyzedAt: input.analyzedAt.toISOString(),
  };
}

/**
 * The model could not analyse the upload itself (not a video, truncated, no audio track): both
 * checks are unknown, so a reviewer sees the reason and asks for a re-take. Never a pass, never a
 * silent failure.
 */
export function unusableVerdict(
  input: Omit<VerdictInput, 'expectedNames' | 'confusableCount'>,
  error: Pick<ModelError, 'code' | 'message'>,
  reason?: string,
): ProcessedFinal {
  const evidence = { error: error.code, reason: reason ?? error.message };
  const unknown: CheckReport = {
    status: 'unavailable',
    model: input.service.service,
    version: input.service.version,
    evidence,
  };
  return {
    videoId: input.videoId,
    sacrificeId: input.sacrificeId,
    outcome: VideoOutcome.FLAGGED,
    checks: { scene: unknown, names: unknown },
    model: `${input.service.service} ${input.service.version}`,
    analyzedAt: input.analyzedAt.toISOString(),
  };
}
