import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atRiskDeadline, isAtRisk, preserveByOf } from './hide-deadline.rules.js';
import { HideStatus } from './hide.enums.js';

const now = new Date('2026-05-28T12:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

describe('the deadline to preserve a hide', () => {
  it('starts when the hide is collected', () => {
    assert.deepEqual(preserveByOf(now, 6 * 3_600_000), hours(6));
  });

  it('shows an unsalted hide at risk from an hour before its deadline, and past it', () => {
    assert.equal(isAtRisk({ status: HideStatus.COLLECTED, preserveBy: hours(2) }, now), false);
    assert.equal(isAtRisk({ status: HideStatus.COLLECTED, preserveBy: hours(1) }, now), true);
    assert.equal(isAtRisk({ status: HideStatus.COLLECTED, preserveBy: hours(-3) }, now), true);
    assert.deepEqual(atRiskDeadline(now), hours(1));
  });

  it('never shows a preserved, sold or spoiled hide at risk', () => {
    for (const status of [
      HideStatus.PRESERVED,
      HideStatus.GRADED,
      HideStatus.IN_LOT,
      HideStatus.SOLD,
      HideStatus.SPOILED,
    ]) {
      assert.equal(isAtRisk({ status, preserveBy: hours(-3) }, now), false, status);
    }
  });
});
