import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dhulHijjahDay } from '../src/season/hijri.js';
import { isWithin, windowOf } from '../src/site/site-window.js';
import { assertTimeZone, wallTimeToInstant } from '../src/shared/zoned-time.js';

// 1447 AH in the Umm al-Qura calendar: 10 Dhul-Hijjah is 27 May 2026.
const season1447 = { day10: '2026-05-27', day13: '2026-05-30', windowStartLocal: '07:30', windowEndLocal: '19:30' };
const site = (timeZone: string, windowStartLocal: string | null = null, windowEndLocal: string | null = null) => ({ timeZone, windowStartLocal, windowEndLocal });

describe('the sacrifice window', () => {
  it('finds 10 and 13 Dhul-Hijjah from the Hijri year alone', () => {
    assert.equal(dhulHijjahDay(1447, 10), '2026-05-27');
    assert.equal(dhulHijjahDay(1447, 13), '2026-05-30');
    assert.equal(dhulHijjahDay(1446, 10), '2025-06-06');
  });

  it('opens after the Eid prayer in Karachi and closes at sunset three days later (UTC+5, no DST)', () => {
    const w = windowOf(season1447, site('Asia/Karachi'));
    assert.equal(w.startsAt.toISOString(), '2026-05-27T02:30:00.000Z');
    assert.equal(w.endsAt.toISOString(), '2026-05-30T14:30:00.000Z');
    assert.equal(w.startsAtLocal, '2026-05-27 07:30');
    assert.equal(w.endsAtLocal, '2026-05-30 19:30');
  });

  it('uses British Summer Time for a site in London in May', () => {
    const w = windowOf(season1447, site('Europe/London'));
    assert.equal(w.startsAt.toISOString(), '2026-05-27T06:30:00.000Z');
    assert.equal(w.endsAt.toISOString(), '2026-05-30T18:30:00.000Z');
  });

  it('lets a site override the season times', () => {
    const w = windowOf(season1447, site('Asia/Karachi', '06:45', '19:05'));
    assert.equal(w.startsAt.toISOString(), '2026-05-27T01:45:00.000Z');
    assert.equal(w.endsAt.toISOString(), '2026-05-30T14:05:00.000Z');
    const onlyEnd = windowOf(season1447, site('Asia/Karachi', null, '18:00'));
    assert.equal(onlyEnd.startsAtLocal, '2026-05-27 07:30');
    assert.equal(onlyEnd.endsAtLocal, '2026-05-30 18:00');
  });

  it('accepts the first and last minute and refuses one minute outside', () => {
    const w = windowOf(season1447, site('Asia/Karachi'));
    assert.ok(isWithin(w, new Date('2026-05-27T02:30:00Z')));
    assert.ok(!isWithin(w, new Date('2026-05-27T02:29:00Z')));
    assert.ok(isWithin(w, new Date('2026-05-30T14:30:00Z')));
    assert.ok(!isWithin(w, new Date('2026-05-30T14:31:00Z')));
    // 9 Dhul-Hijjah evening in Karachi is still before the window, although it is day 10 elsewhere.
    assert.ok(!isWithin(w, new Date('2026-05-26T20:00:00Z')));
  });

  it('follows a DST change inside the window (New York, 1454 AH: clocks go forward on 13 March 2033)', () => {
    const season = { day10: dhulHijjahDay(1454, 10), day13: dhulHijjahDay(1454, 13), windowStartLocal: '07:30', windowEndLocal: '19:30' };
    assert.deepEqual([season.day10, season.day13], ['2033-03-12', '2033-03-15']);
    const w = windowOf(season, site('America/New_York'));
    assert.equal(w.startsAt.toISOString(), '2033-03-12T12:30:00.000Z', 'EST, UTC-5');
    assert.equal(w.endsAt.toISOString(), '2033-03-15T23:30:00.000Z', 'EDT, UTC-4');
  });

  it('resolves wall times that DST skips or repeats like Temporal does', () => {
    // 01:30 does not exist in London on 29 March 2026: it moves forward to 02:30 BST.
    assert.equal(wallTimeToInstant('2026-03-29', '01:30', 'Europe/London').toISOString(), '2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 25 October 2026: the earlier one (BST) is taken.
    assert.equal(wallTimeToInstant('2026-10-25', '01:30', 'Europe/London').toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('accepts only real IANA time zones', () => {
    assert.equal(assertTimeZone('asia/karachi'), 'Asia/Karachi');
    assert.throws(() => assertTimeZone('Mars/Olympus'), (e: any) => e.extensions.code === 'BAD_USER_INPUT');
  });
});
