import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paceOf } from './pace.rules.js';

const start = new Date('2026-05-27T04:00:00Z');
const end = new Date('2026-05-30T16:00:00Z');

test('a site doing more an hour than it needs is on track', () => {
  const now = new Date('2026-05-30T06:00:00Z'); // 10 h left
  assert.deepEqual(paceOf({ remaining: 1000, performedLastHour: 120, windowStartsAt: start, windowEndsAt: end, now }), {
    hoursLeft: 10,
    neededPerHour: 100,
    onTrack: true,
  });
});

test('a site doing less than it needs will not finish in time', () => {
  const now = new Date('2026-05-30T06:00:00Z');
  const pace = paceOf({ remaining: 1000, performedLastHour: 80, windowStartsAt: start, windowEndsAt: end, now });
  assert.equal(pace.onTrack, false);
});

test('after the window closes, anything left is late', () => {
  const now = new Date('2026-05-30T17:00:00Z');
  assert.deepEqual(paceOf({ remaining: 3, performedLastHour: 0, windowStartsAt: start, windowEndsAt: end, now }), {
    hoursLeft: 0,
    neededPerHour: null,
    onTrack: false,
  });
});

test('nothing left is on track; before the window opens the need counts from its start', () => {
  const now = new Date('2026-05-26T04:00:00Z');
  assert.equal(
    paceOf({ remaining: 0, performedLastHour: 0, windowStartsAt: start, windowEndsAt: end, now }).onTrack,
    true,
  );
  const early = paceOf({ remaining: 84, performedLastHour: 0, windowStartsAt: start, windowEndsAt: end, now });
  assert.deepEqual(early, { hoursLeft: 84, neededPerHour: 1, onTrack: true });
});
