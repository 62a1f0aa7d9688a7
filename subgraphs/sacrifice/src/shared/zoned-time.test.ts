import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTimeZone, wallTimeToInstant } from './zoned-time.js';

describe('wall-clock times in a time zone', () => {
  it('resolves wall times that DST skips or repeats like Temporal does', () => {
    // 01:30 does not exist in London on 29 March 2026: it moves forward to 02:30 BST.
    assert.equal(wallTimeToInstant('2026-03-29', '01:30', 'Europe/London').toISOString(), '2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 25 October 2026: the earlier one (BST) is taken.
    assert.equal(wallTimeToInstant('2026-10-25', '01:30', 'Europe/London').toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('accepts only real IANA time zones', () => {
    assert.equal(assertTimeZone('asia/karachi'), 'Asia/Karachi');
    assert.throws(
      () => assertTimeZone('Mars/Olympus'),
      (e: any) => e.extensions.code === 'BAD_USER_INPUT',
    );
  });
});
