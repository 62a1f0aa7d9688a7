/**
 * PRODUCT rule "Window", for the organizer: will a site finish in time? At the pace of the last
 * hour, the sacrifices still to do must fit in the hours left before its window closes.
 */
export interface PaceInput {
  remaining: number;
  performedLastHour: number;
  windowStartsAt: Date;
  windowEndsAt: Date;
  now: Date;
}

export interface Pace {
  hoursLeft: number;
  neededPerHour: number | null;
  onTrack: boolean;
}

const HOUR_MS = 3_600_000;

export function paceOf({ remaining, performedLastHour, windowStartsAt, windowEndsAt, now }: PaceInput): Pace {
  if (remaining === 0) return { hoursLeft: hoursBetween(now, windowEndsAt), neededPerHour: null, onTrack: true };
  // Before the window opens, the whole window is left; the pace is unknown, so only the need is shown.
  const from = now < windowStartsAt ? windowStartsAt : now;
  const hoursLeft = hoursBetween(from, windowEndsAt);
  if (hoursLeft === 0) return { hoursLeft, neededPerHour: null, onTrack: false };
  const neededPerHour = Math.ceil((remaining / hoursLeft) * 10) / 10;
  const onTrack = now < windowStartsAt ? true : performedLastHour >= neededPerHour;
  return { hoursLeft, neededPerHour, onTrack };
}

const hoursBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round(((to.getTime() - from.getTime()) / HOUR_MS) * 100) / 100);
