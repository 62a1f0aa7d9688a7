import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckResult, ReviewOutcome } from '../video/video.enums.js';
import { calibrate, type ReviewLabel } from './calibration.rules.js';
import { ProofCheck } from './proof-check.js';
import { proofScores } from './proof-scores.js';

const label = (
  nameCheck: CheckResult,
  nameScore: number | null,
  decision: ReviewOutcome,
  failedChecks: ProofCheck[] | null = null,
  siteId = 'site-a',
): ReviewLabel => ({
  scores: {
    siteId,
    sceneCheck: CheckResult.PASS,
    nameCheck,
    sceneScore: 0.6,
    nameScore,
    nameScript: 'LATIN',
    modelVersion: 'm1',
  },
  decision,
  failedChecks,
});

const names = (figures: ReturnType<typeof calibrate>, dimension = 'ALL', group = 'all') =>
  figures.find((f) => f.check === ProofCheck.NAMES && f.dimension === dimension && f.group === group)!;

describe('calibration from reviewer decisions', () => {
  it('counts a name pass a reviewer rejected for its names as a false pass, and one approved as a true pass', () => {
    const report = calibrate(
      [
        label(CheckResult.PASS, 2.1, ReviewOutcome.APPROVE),
        label(CheckResult.PASS, 1.9, ReviewOutcome.REJECT, [ProofCheck.NAMES]),
        label(CheckResult.MANUAL_REVIEW, 1.2, ReviewOutcome.APPROVE),
        label(CheckResult.MANUAL_REVIEW, 0.4, ReviewOutcome.REJECT, [ProofCheck.SCENE]),
      ],
      1,
    );
    const all = names(report);
    assert.equal(all.truePass, 1);
    assert.equal(all.falsePass, 1);
    assert.equal(all.precision, 0.5);
    assert.equal(all.ok, 3, 'a rejection for the scene says the names were right');
    assert.equal(all.recall, 0.333);
    assert.equal(all.proposedThreshold, 1.91, 'just above the one failure seen');
    assert.equal(all.recallAtProposal, 0.333);
  });

  it('leaves a rejection that names no check out of both checks, and proposes nothing from too few failures', () => {
    const report = calibrate(
      [label(CheckResult.PASS, 2, ReviewOutcome.REJECT), label(CheckResult.PASS, 2, ReviewOutcome.APPROVE)],
      5,
    );
    const all = names(report);
    assert.equal(all.unattributed, 1);
    assert.equal(all.labelled, 1);
    assert.equal(all.proposedThreshold, null);
    assert.match(all.note, /at least 5/);
  });

  it('splits the figures per site', () => {
    const report = calibrate(
      [
        label(CheckResult.PASS, 2, ReviewOutcome.APPROVE, null, 'a'),
        label(CheckResult.PASS, 2, ReviewOutcome.REJECT, [ProofCheck.NAMES], 'b'),
      ],
      1,
    );
    assert.equal(names(report, 'SITE', 'a').precision, 1);
    assert.equal(names(report, 'SITE', 'b').precision, 0);
  });
});

describe('scores read from the evidence', () => {
  it('takes the weakest role of the best frame and the weakest name, and knows Arabic script', () => {
    const scores = proofScores({
      siteId: 's',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.MANUAL_REVIEW,
      modelVersion: 'm',
      evidence: {
        scene: { frame: { minScore: 0.41, detections: {} } },
        names: {
          perName: [
            { name: 'Amina Rahman', score: 2.2 },
            { name: 'يوسف إبراهيم', score: 0.7 },
          ],
        },
      },
    });
    assert.equal(scores.sceneScore, 0.41);
    assert.equal(scores.nameScore, 0.7);
    assert.equal(scores.nameScript, 'MIXED');
  });

  it('scores a role never seen as 0 and an unheard name as unknown', () => {
    const scores = proofScores({
      siteId: null,
      sceneCheck: CheckResult.MANUAL_REVIEW,
      nameCheck: CheckResult.MANUAL_REVIEW,
      modelVersion: null,
      evidence: {
        scene: { bestPerRole: { person: { score: 0.9 }, animal: { score: 0.8 } } },
        names: {
          perName: [
            { name: 'Amina', score: 2 },
            { name: 'Yusuf', score: null },
          ],
        },
      },
    });
    assert.equal(scores.sceneScore, 0);
    assert.equal(scores.nameScore, null);
  });
});
