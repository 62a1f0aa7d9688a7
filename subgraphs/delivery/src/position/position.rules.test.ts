import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etaForStops } from './eta.js';
import { Dropped, sample, triage, type Fix } from './position.rules.js';

const NOW = Date.parse('2026-05-28T09:00:00Z');
// ~111 m per 0.001 degree of latitude.
const fix = (secondsAgo: number, lat = 33.57, lng = -7.59, over: Partial<Fix> = {}): Fix => ({
  lat,
  lng,
  fixTime: NOW - secondsAgo * 1000,
  accuracy: 10,
  speed: 8,
  ...over,
});

describe('position rules', () => {
  it('takes the latest plausible fix of a batch as current, whatever order the batch came in', () => {
    const t = triage([fix(10, 33.572), fix(30, 33.57), fix(20, 33.571)], null, NOW);
    assert.equal(t.current?.lat, 33.572);
    assert.deepEqual(
      t.accepted.map((f) => f.lat),
      [33.57, 33.571, 33.572],
    );
    assert.equal(t.late, 0);
    assert.deepEqual(t.dropped, []);
  });

  it('never moves the current position backwards: older fixes are late, for history only', () => {
    const current = fix(10, 33.572);
    const t = triage([fix(40, 33.569), fix(5, 33.5725)], current, NOW);
    assert.equal(t.current?.fixTime, NOW - 5000);
    assert.equal(t.late, 1);
    const onlyLate = triage([fix(40, 33.569)], current, NOW);
    assert.equal(onlyLate.current, null);
    assert.equal(onlyLate.late, 1);
  });

  it('drops duplicates, fixes from the future beyond the clock skew, stale ones and invalid values', () => {
    const current = fix(10);
    const t = triage(
      [
        fix(10),
        fix(-20),
        fix(-120),
        fix(13 * 3600),
        fix(3, 91),
        fix(2, 33.57, -7.59, { accuracy: -1 }),
        fix(4),
        fix(4),
      ],
      current,
      NOW,
    );
    assert.deepEqual(t.dropped, [
      { index: 0, reason: Dropped.DUPLICATE },
      { index: 2, reason: Dropped.FUTURE },
      { index: 3, reason: Dropped.TOO_OLD },
      { index: 4, reason: Dropped.INVALID },
      { index: 5, reason: Dropped.INVALID },
      { index: 7, reason: Dropped.DUPLICATE },
    ]);
    // 20 s ahead is within the skew a phone clock may have.
    assert.equal(t.current?.fixTime, NOW + 20_000);
  });

  it('drops jumps no van could make, judged from the nearest fix in time', () => {
    const current = fix(20);
    // 5.5 km in 10 s is ~2,000 km/h.
    const t = triage([fix(10, 33.62), fix(5, 33.5705)], current, NOW);
    assert.deepEqual(t.dropped, [{ index: 0, reason: Dropped.IMPOSSIBLE_JUMP }]);
    assert.equal(t.current?.lat, 33.5705);
    // The same distance over 10 minutes (33 km/h) is a drive.
    assert.equal(triage([fix(0, 33.62)], fix(600), NOW).current?.lat, 33.62);
    // A position older than the anchor window no longer vetoes a new one.
    assert.equal(triage([fix(0, 34.5)], fix(16 * 60), NOW).current?.lat, 34.5);
  });

  it('samples history one fix per 30 s bucket, skipping buckets already stored', () => {
    const base = Math.floor(NOW / 30_000) * 30_000 - 120_000;
    const at = (ms: number) => ({ ...fix(0), fixTime: base + ms });
    const picked = sample([at(0), at(10_000), at(31_000), at(65_000)], new Set([Math.floor(base / 30_000)]));
    assert.deepEqual(
      picked.map((p) => p.fix.fixTime - base),
      [31_000, 65_000],
    );
  });

  it('estimates arrival from the straight-line distance at 25 km/h with a road factor, plus 4 minutes per earlier stop', () => {
    const start = { lat: 33.57, lng: -7.59 };
    const etas = etaForStops(start, NOW, [
      { deliveryId: 'a', location: { lat: 33.57, lng: -7.59 } },
      { deliveryId: 'b', location: null },
      { deliveryId: 'c', location: { lat: 33.579, lng: -7.59 } },
    ]);
    assert.equal(etas.get('a'), NOW);
    assert.equal(etas.get('b'), null);
    // 1,000 m x 1.3 at 25 km/h = 187 s, after two stops of 4 minutes.
    const c = (etas.get('c')! - NOW) / 1000;
    assert.ok(Math.abs(c - (480 + 187)) < 3, `eta of c was ${c} s`);
  });
});
