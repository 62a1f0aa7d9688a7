import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placesFreed, releasedOnRefund } from './refund.rules.js';

describe("a refunded order's shares", () => {
  it('come off an animal that is allocated or assigned, not one already sacrificed', () => {
    assert.equal(releasedOnRefund('ALLOCATED'), true);
    assert.equal(releasedOnRefund('ASSIGNED'), true);
    for (const done of ['PERFORMED', 'VERIFIED', 'FLAGGED'] as const) assert.equal(releasedOnRefund(done), false);
  });

  it('leave their places on a cow to the shares waiting next', () => {
    assert.equal(placesFreed(7, 5), 2);
    assert.equal(placesFreed(1, 0), 1);
    assert.equal(placesFreed(7, 7), 0);
  });
});
