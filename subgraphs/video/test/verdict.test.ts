import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckResult, VideoStatus } from '../src/app.js';
import { verdictOutcome } from '../src/video/verdict.js';

describe('the verdict of the AI checks', () => {
  const all = Object.values(CheckResult);

  it('validates a video only when both the scene and the names pass', () => {
    for (const scene of all) {
      for (const name of all) {
        const { status, flaggedReason } = verdictOutcome(scene, name);
        const pass = scene === CheckResult.PASS && name === CheckResult.PASS;
        assert.equal(status, pass ? VideoStatus.VALIDATED : VideoStatus.FLAGGED, `${scene}/${name}`);
        assert.equal(flaggedReason === null, pass);
      }
    }
  });

  it('treats a check the models could not compute as unknown: flagged, never passed', () => {
    assert.deepEqual(verdictOutcome(CheckResult.PASS, CheckResult.UNAVAILABLE), {
      status: VideoStatus.FLAGGED, flaggedReason: 'Name check could not be computed.',
    });
    assert.deepEqual(verdictOutcome(CheckResult.UNAVAILABLE, CheckResult.UNAVAILABLE).status, VideoStatus.FLAGGED);
  });

  it('names every check that did not pass', () => {
    assert.equal(
      verdictOutcome(CheckResult.FAIL_SUSPECTED, CheckResult.MANUAL_REVIEW).flaggedReason,
      'Scene check suspects a failure; name check asks for a manual review.',
    );
  });

  it('refuses a value that is not a check result', () => {
    assert.throws(() => verdictOutcome('MAYBE' as CheckResult, CheckResult.PASS), (e: any) => e.extensions.code === 'BAD_USER_INPUT');
  });
});
