import { CheckResult, ReviewOutcome } from '../video/video.enums.js';
import { ProofCheck } from './proof-check.js';
import type { ProofScores } from './proof-scores.js';

/** A reviewer's decision on a flagged video, with what the models had said about it. */
export interface ReviewLabel {
  readonly scores: ProofScores;
  readonly decision: ReviewOutcome;
  /** On a rejection, the checks the reviewer found wrong; none named leaves each check unknown. */
  readonly failedChecks: readonly ProofCheck[] | null;
}

export type CalibrationDimension = 'ALL' | 'SITE' | 'NAME_SCRIPT';

export interface CheckCalibrationFigures {
  readonly check: ProofCheck;
  readonly dimension: CalibrationDimension;
  readonly group: string;
  /** Decisions that say whether this check was right (an approval, or a rejection naming the checks). */
  readonly labelled: number;
  /** Rejections that did not say which check was wrong. */
  readonly unattributed: number;
  readonly truePass: number;
  readonly falsePass: number;
  readonly ok: number;
  readonly bad: number;
  /** Of the check's passes, the share reviewers confirmed; null without any labelled pass. */
  readonly precision: number | null;
  /** Of the videos reviewers found right for this check, the share the check passed; null without any. */
  readonly recall: number | null;
  /** The lowest score above every failure reviewers saw; null with too few failures to say. */
  readonly proposedThreshold: number | null;
  /** The share of reviewer-approved scores at or above the proposed threshold. */
  readonly recallAtProposal: number | null;
  readonly note: string;
}

type Truth = 'ok' | 'bad' | null;

function truthOf(label: ReviewLabel, check: ProofCheck): Truth {
  if (label.decision === ReviewOutcome.APPROVE) return 'ok';
  if (!label.failedChecks || label.failedChecks.length === 0) return null;
  return label.failedChecks.includes(check) ? 'bad' : 'ok';
}

const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;

function figures(
  labels: readonly ReviewLabel[],
  check: ProofCheck,
  dimension: CalibrationDimension,
  group: string,
  minFailures: number,
): CheckCalibrationFigures {
  const resultOf = (l: ReviewLabel) => (check === ProofCheck.SCENE ? l.scores.sceneCheck : l.scores.nameCheck);
  const scoreOf = (l: ReviewLabel) => (check === ProofCheck.SCENE ? l.scores.sceneScore : l.scores.nameScore);
  let truePass = 0;
  let falsePass = 0;
  let ok = 0;
  let bad = 0;
  let unattributed = 0;
  const okScores: number[] = [];
  const badScores: number[] = [];
  for (const label of labels) {
    const truth = truthOf(label, check);
    if (truth === null) {
      unattributed += 1;
      continue;
    }
    const passed = resultOf(label) === CheckResult.PASS;
    const score = scoreOf(label);
    if (truth === 'ok') {
      ok += 1;
      if (passed) truePass += 1;
      if (score !== null) okScores.push(score);
    } else {
      bad += 1;
      if (passed) falsePass += 1;
      if (score !== null) badScores.push(score);
    }
  }
  let proposedThreshold: number | null = null;
  let note: string;
  if (badScores.length < minFailures) {
    note = `${badScores.length} scored failures; at least ${minFailures} are needed to propose a threshold`;
  } else {
    // Strictly above every failure reviewers saw: the rule is that no wrong video passes.
    proposedThreshold = Math.floor(Math.max(...badScores) * 100 + 1) / 100;
    note = `above all ${badScores.length} scored failures; to be checked before it replaces the model's own rule`;
  }
  const threshold = proposedThreshold;
  return {
    check,
    dimension,
    group,
    labelled: ok + bad,
    unattributed,
    truePass,
    falsePass,
    ok,
    bad,
    precision: ratio(truePass, truePass + falsePass),
    recall: ratio(truePass, ok),
    proposedThreshold,
    recallAtProposal: threshold === null ? null : ratio(okScores.filter((s) => s >= threshold).length, okScores.length),
    note,
  };
}

function groupBy(labels: readonly ReviewLabel[], key: (l: ReviewLabel) => string): Map<string, ReviewLabel[]> {
  const groups = new Map<string, ReviewLabel[]>();
  for (const label of labels) {
    const k = key(label);
    groups.set(k, [...(groups.get(k) ?? []), label]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Precision and recall of each check against reviewers' decisions, overall, per site and (for
 * names) per script, with a proposed score threshold where enough failures were labelled.
 */
export function calibrate(labels: readonly ReviewLabel[], minFailures: number): CheckCalibrationFigures[] {
  const out: CheckCalibrationFigures[] = [];
  for (const check of [ProofCheck.SCENE, ProofCheck.NAMES]) {
    out.push(figures(labels, check, 'ALL', 'all', minFailures));
    for (const [site, group] of groupBy(labels, (l) => l.scores.siteId ?? 'unknown'))
      out.push(figures(group, check, 'SITE', site, minFailures));
    if (check === ProofCheck.NAMES)
      for (const [script, group] of groupBy(labels, (l) => l.scores.nameScript ?? 'unknown'))
        out.push(figures(group, check, 'NAME_SCRIPT', script, minFailures));
  }
  return out;
}
