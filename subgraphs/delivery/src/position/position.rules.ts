import { distanceM, type LatLng } from './geo.js';

/** One GPS fix as the phone took it; `fixTime` in epoch milliseconds. */
export interface Fix extends LatLng {
  fixTime: number;
  /** Metres, 68% confidence radius; null when the phone did not say. */
  accuracy: number | null;
  /** Metres per second; null when the phone did not say. */
  speed: number | null;
}

/** Why a reported point was dropped (see {@link triage}). */
export enum Dropped {
  INVALID = 'INVALID',
  DUPLICATE = 'DUPLICATE',
  FUTURE = 'FUTURE',
  TOO_OLD = 'TOO_OLD',
  IMPOSSIBLE_JUMP = 'IMPOSSIBLE_JUMP',
}

export const POSITION_RULES = {
  /** A phone clock may run this far ahead of ours; a fix later than now + skew is dropped. */
  maxClockSkewMs: 30_000,
  /** Fixes older than this are useless for tracking and dropped (a phone that was off for a day). */
  maxAgeMs: 12 * 3_600_000,
  /** ~200 km/h: faster than any delivery van, slower than a GPS glitch across town. */
  maxSpeedMps: 55,
  /** Distance always allowed between two fixes, on top of their accuracy radii (GPS noise). */
  slackM: 25,
  /** Accuracy radius counted at most this much (a 5 km "accuracy" must not excuse any jump). */
  maxAccuracyCreditM: 200,
  /** A current position older than this no longer anchors the jump check: the van may have moved unseen. */
  anchorWindowMs: 15 * 60_000,
  /** History keeps at most one fix per route per this many milliseconds. */
  sampleEveryMs: 30_000,
  /** Points per call. */
  maxBatch: 500,
} as const;

export type PositionRules = typeof POSITION_RULES;

/** What became of one batch against the route's current position. */
export interface Triage {
  /** The new current position, when the batch holds a later plausible fix than the current one. */
  current: Fix | null;
  /** Fixes to sample into history: the accepted ones in time order, late ones included. */
  accepted: Fix[];
  /** How many accepted fixes were older than the current position (history only). */
  late: number;
  dropped: { index: number; reason: Dropped }[];
}

const validFix = (p: Fix) =>
  Number.isFinite(p.lat) &&
  Math.abs(p.lat) <= 90 &&
  Number.isFinite(p.lng) &&
  Math.abs(p.lng) <= 180 &&
  Number.isFinite(p.fixTime) &&
  (p.accuracy === null || (Number.isFinite(p.accuracy) && p.accuracy >= 0)) &&
  (p.speed === null || (Number.isFinite(p.speed) && p.speed >= 0));

/** Could a vehicle have gone from `a` to `b` in the time between their fixes? */
function plausible(a: Fix, b: Fix, rules: PositionRules = POSITION_RULES): boolean {
  const seconds = Math.abs(b.fixTime - a.fixTime) / 1000;
  const credit =
    Math.min(a.accuracy ?? 0, rules.maxAccuracyCreditM) + Math.min(b.accuracy ?? 0, rules.maxAccuracyCreditM);
  return distanceM(a, b) <= rules.maxSpeedMps * seconds + credit + rules.slackM;
}

/**
 * Sorts a batch by fix time and drops what must not count: invalid values, fixes from the future
 * (beyond the clock skew) or too old, duplicates (a fix time already seen), and jumps no vehicle
 * could make from the nearest known fix. Fixes older than the current position are accepted as
 * late (history only): the current position never moves backwards.
 */
export function triage(
  points: readonly Fix[],
  current: Fix | null,
  now: number,
  rules: PositionRules = POSITION_RULES,
): Triage {
  const dropped: Triage['dropped'] = [];
  const candidates: { index: number; fix: Fix }[] = [];
  points.forEach((fix, index) => {
    if (!validFix(fix)) dropped.push({ index, reason: Dropped.INVALID });
    else if (fix.fixTime > now + rules.maxClockSkewMs) dropped.push({ index, reason: Dropped.FUTURE });
    else if (fix.fixTime < now - rules.maxAgeMs) dropped.push({ index, reason: Dropped.TOO_OLD });
    else candidates.push({ index, fix });
  });
  candidates.sort((a, b) => a.fix.fixTime - b.fix.fixTime || a.index - b.index);

  const known: Fix[] = current ? [current] : [];
  const seen = new Set(known.map((f) => f.fixTime));
  let head = current;
  let late = 0;
  const accepted: Fix[] = [];
  for (const { index, fix } of candidates) {
    if (seen.has(fix.fixTime)) {
      dropped.push({ index, reason: Dropped.DUPLICATE });
      continue;
    }
    const anchor = nearestInTime(known, fix.fixTime, rules.anchorWindowMs);
    if (anchor && !plausible(anchor, fix, rules)) {
      dropped.push({ index, reason: Dropped.IMPOSSIBLE_JUMP });
      continue;
    }
    seen.add(fix.fixTime);
    known.push(fix);
    accepted.push(fix);
    if (!head || fix.fixTime > head.fixTime) head = fix;
    else late++;
  }
  dropped.sort((a, b) => a.index - b.index);
  return { current: head !== current ? head : null, accepted, late, dropped };
}

function nearestInTime(known: readonly Fix[], time: number, windowMs: number): Fix | null {
  let best: Fix | null = null;
  for (const fix of known) {
    const gap = Math.abs(fix.fixTime - time);
    if (gap <= windowMs && (!best || gap < Math.abs(best.fixTime - time))) best = fix;
  }
  return best;
}

/** The fixes history keeps: the first of each sampling bucket not stored yet. */
export function sample(
  fixes: readonly Fix[],
  storedBuckets: ReadonlySet<number>,
  rules: PositionRules = POSITION_RULES,
): { bucket: number; fix: Fix }[] {
  const out = new Map<number, Fix>();
  for (const fix of fixes) {
    const bucket = Math.floor(fix.fixTime / rules.sampleEveryMs);
    if (!storedBuckets.has(bucket) && !out.has(bucket)) out.set(bucket, fix);
  }
  return [...out].map(([bucket, fix]) => ({ bucket, fix }));
}
