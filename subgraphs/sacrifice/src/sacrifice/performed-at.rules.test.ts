import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performedAtOf } from './performed-at.rules.js';

/** Inside the 1447 window of a Karachi site. */
const INSIDE = new Date('2026-05-28T06:00:00Z');
const minutes = (n: number) => n * 60_000;

describe('the time a sacrifice is recorded at comes from the server clock', () => {
  it('accepts a client time at most 5 minutes behind the server and never records one ahead of it', () => {
    const now = INSIDE;
    assert.deepEqual(performedAtOf(undefined, now), { ok: true, at: now });
    const lagging = new Date(now.getTime() - minutes(5));
    assert.deepEqual(performedAtOf(lagging, now), { ok: true, at: lagging });
    assert.equal(performedAtOf(new Date(now.getTime() - minutes(5) - 1), now).ok, false);
    assert.deepEqual(
      performedAtOf(new Date(now.getTime() + 30_000), now),
      { ok: true, at: now },
      'a drifting phone is recorded as now',
    );
    assert.deepEqual(performedAtOf(new Date(now.getTime() + minutes(2)), now), {
      ok: false,
      problem: 'FUTURE',
      claimed: new Date(now.getTime() + minutes(2)),
    });
  });
});
