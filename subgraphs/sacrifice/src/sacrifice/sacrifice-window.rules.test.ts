import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dhulHijjahDay } from '../season/hijri.js';
import { isWithin, sacrificeTimeWithinWindow, seasonDays, windowOf } from './sacrifice-window.rules.js';

// 1447 AH in the Umm al-Qura calendar: 10 Dhul-Hijjah is 27 May 2026.
const season1447 = { day10: '2026-05-27', day13: '2026-05-30', windowStartLocal: '07:30', windowEndLocal: '19:30' };
const site = (timeZone: string, windowStartLocal: string | null = null, windowEndLocal: string | null = null) => ({
  timeZone,
  windowStartLocal,
  windowEndLocal,
});

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
    const season = {
      day10: dhulHijjahDay(1454, 10),
      day13: dhulHijjahDay(1454, 13),
      windowStartLocal: '07:30',
      windowEndLocal: '19:30',
    };
    assert.deepEqual([season.day10, season.day13], ['2033-03-12', '2033-03-15']);
    const w = windowOf(season, site('America/New_York'));
    assert.equal(w.startsAt.toISOString(), '2033-03-12T12:30:00.000Z', 'EST, UTC-5');
    assert.equal(w.endsAt.toISOString(), '2033-03-15T23:30:00.000Z', 'EDT, UTC-4');
  });

  it('takes a locally sighted day 10 at most two days from the Umm al-Qura date, and day 13 three days later', () => {
    assert.deepEqual(seasonDays(1447), { day10: '2026-05-27', day13: '2026-05-30' });
    assert.deepEqual(seasonDays(1447, '2026-05-28'), { day10: '2026-05-28', day13: '2026-05-31' });
    assert.throws(
      () => seasonDays(1447, '2026-05-30'),
      (e: any) => e.extensions.code === 'BAD_USER_INPUT' && /too far from 10 Dhul-Hijjah 1447/.test(e.message),
    );
  });

  it('refuses a sacrifice recorded outside the window with OUTSIDE_SACRIFICE_WINDOW and the local times', () => {
    const w = windowOf(season1447, site('Asia/Karachi'));
    const inside = new Date('2026-05-28T06:00:00Z');
    assert.deepEqual(sacrificeTimeWithinWindow('Karachi', w, undefined, inside), inside);
    assert.throws(
      () => sacrificeTimeWithinWindow('Karachi', w, undefined, new Date('2026-05-30T14:31:00Z')),
      (e: any) =>
        e.extensions.code === 'OUTSIDE_SACRIFICE_WINDOW' &&
        e.message ===
          'This is outside the sacrifice window. Sacrifices at Karachi are valid from 2026-05-27 07:30 to 2026-05-30 19:30 (Asia/Karachi); the time given is 2026-05-30 19:31 there.',
    );
  });
});
