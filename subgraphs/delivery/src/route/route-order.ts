import type { Location } from '../recipient/recipient-privacy.js';

export interface StopCandidate {
  id: string;
  priority: number;
  location: Location | null;
}

/**
 * Stop order: priority first (lower first); within one priority, nearest neighbour from where the
 * driver just was, starting at the stop farthest from the group's centre so the route sweeps
 * outside-in rather than zig-zagging. Stops without coordinates close their priority group.
 */
export function orderStops<T extends StopCandidate>(stops: readonly T[]): T[] {
  const priorities = [...new Set(stops.map((s) => s.priority))].sort((a, b) => a - b);
  const ordered: T[] = [];
  let here: Location | null = null;
  for (const priority of priorities) {
    const group = stops.filter((s) => s.priority === priority).sort((a, b) => a.id.localeCompare(b.id));
    const remaining = group.filter((s) => s.location);
    if (!here && remaining.length) here = farthestFrom(centre(remaining.map((s) => s.location!)), remaining);
    while (remaining.length) {
      const next = nearestIndex(here!, remaining);
      const [stop] = remaining.splice(next, 1);
      ordered.push(stop!);
      here = stop!.location;
    }
    ordered.push(...group.filter((s) => !s.location));
  }
  return ordered;
}

function centre(points: Location[]): Location {
  return {
    lat: points.reduce((t, p) => t + p.lat, 0) / points.length,
    lon: points.reduce((t, p) => t + p.lon, 0) / points.length,
  };
}

function farthestFrom(point: Location, stops: StopCandidate[]): Location {
  return stops.reduce(
    (far, s) => (distanceKm(point, s.location!) > distanceKm(point, far) ? s.location! : far),
    stops[0]!.location!,
  );
}

function nearestIndex(point: Location, stops: StopCandidate[]): number {
  let best = 0;
  stops.forEach((s, i) => {
    if (distanceKm(point, s.location!) < distanceKm(point, stops[best]!.location!)) best = i;
  });
  return best;
}

/** Great-circle (haversine) distance. */
function distanceKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}
