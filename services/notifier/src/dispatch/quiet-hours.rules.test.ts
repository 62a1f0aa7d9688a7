import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quietUntil } from './quiet-hours.rules.js';

const lahore = { timeZone: 'Asia/Karachi', window: '22:00-07:00' };

test("inside quiet hours that wrap midnight, a message waits until they end in the recipient's zone", () => {
  // 23:30 in Karachi (UTC+5) is 18:30 UTC; the window ends at 07:00 local = 02:00 UTC next day.
  assert.equal(quietUntil(new Date('2026-05-27T18:30:00Z'), lahore)?.toISOString(), '2026-05-28T02:00:00.000Z');
  // 03:15 local, same night.
  assert.equal(quietUntil(new Date('2026-05-27T22:15:00Z'), lahore)?.toISOString(), '2026-05-28T02:00:00.000Z');
});

test('outside quiet hours, or with none, it goes at once', () => {
  assert.equal(quietUntil(new Date('2026-05-27T06:00:00Z'), lahore), null);
  assert.equal(quietUntil(new Date('2026-05-27T06:00:00Z'), undefined), null);
  assert.equal(quietUntil(new Date('2026-05-27T06:00:00Z'), { timeZone: 'Asia/Dhaka', window: 'nonsense' }), null);
});

test('a window within one day holds only inside it', () => {
  const siesta = { timeZone: 'Africa/Lagos', window: '13:00-15:00' };
  assert.equal(quietUntil(new Date('2026-05-27T12:30:00Z'), siesta)?.toISOString(), '2026-05-27T14:00:00.000Z');
  assert.equal(quietUntil(new Date('2026-05-27T14:30:00Z'), siesta), null);
});
