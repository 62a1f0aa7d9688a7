/**
 * The end of the quiet hours `now` falls in, in the recipient's time zone, or null when `now` is
 * outside them. `window` is `HH:MM-HH:MM` local time and may wrap midnight (`22:00-07:00`).
 */
export function quietUntil(now: Date, quietHours: { timeZone: string; window: string } | undefined): Date | null {
  if (!quietHours) return null;
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(quietHours.window);
  if (!match) return null;
  const [start, end] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  if (start === end) return null;
  const local = localMinutes(now, quietHours.timeZone);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return null;
  const wait = (end - local + 24 * 60) % (24 * 60);
  // Whole minutes from a local clock: the result is the first minute after the window ends.
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}

function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}
