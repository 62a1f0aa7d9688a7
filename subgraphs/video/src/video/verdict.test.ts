import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storedVerdict } from './verdict.js';
import { CheckResult, VideoStatus } from './video.enums.js';

describe('the verdict the video subgraph stores', () => {
  const all = Object.values(CheckResult);

  it('takes the status from the outcome the orchestrator decided, never from its own reading of the checks', () => {
    for (const sceneCheck of all) {
      for (const nameCheck of all) {
        assert.equal(
          storedVerdict({ outcome: 'FLAGGED', sceneCheck, nameCheck }).status,
          VideoStatus.FLAGGED,
          `${sceneCheck}/${nameCheck}`,
        );
      }
    }
    assert.deepEqual(
      storedVerdict({ outcome: 'VALIDATED', sceneCheck: CheckResult.PASS, nameCheck: CheckResult.PASS }),
      {
        status: VideoStatus.VALIDATED,
        flaggedReason: null,
      },
    );
  });

  it('tells the reviewer that a check the models could not compute is unknown', () => {
    assert.deepEqual(
      storedVerdict({ outcome: 'FLAGGED', sceneCheck: CheckResult.PASS, nameCheck: CheckResult.UNAVAILABLE }),
      {
        status: VideoStatus.FLAGGED,
        flaggedReason: 'Name check could not be computed.',
      },
    );
  });

  it('names every check that did not pass', () => {
    assert.equal(
      storedVerdict({
        outcome: 'FLAGGED',
        sceneCheck: CheckResult.FAIL_SUSPECTED,
        nameCheck: CheckResult.MANUAL_REVIEW,
      }).flaggedReason,
      'Scene check suspects a failure; name check asks for a manual review.',
    );
  });

  it('refuses a value that is not a check result or an outcome', () => {
    const bad = (e: any) => e.extensions.code === 'BAD_USER_INPUT';
    assert.throws(
      () => storedVerdict({ outcome: 'FLAGGED', sceneCheck: 'MAYBE' as CheckResult, nameCheck: CheckResult.PASS }),
      bad,
    );
    assert.throws(
      () =>
        storedVerdict({ outcome: 'PASSED' as 'VALIDATED', sceneCheck: CheckResult.PASS, nameCheck: CheckResult.PASS }),
      bad,
    );
  });
});
