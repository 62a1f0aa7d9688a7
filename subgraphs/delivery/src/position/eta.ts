import { distanceM, type LatLng } from './geo.js';

/**
 * The ETA model, deliberately simple: straight-line (haversine) distance times a road factor, at an
 * average urban van speed, plus a fixed time at every stop before. No routing engine runs offline
 * here; a charity that has one can replace `etaForStops` without touching anything else.
 */
const ETA_MODEL = {
  /** Average speed between stops, traffic and parking included. */
  averageKmh: 25,
  /** Roads are ~30% longer than the straight line in towns. */
  roadFactor: 1.3,
  /** Handing over a pack, checking the PIN, the photo. */
  minutesPerStop: 4,
} as const;

/** A stop still to serve, in route order; `location` is null when the family gave no coordinates. */
export interface OpenStop {
  deliveryId: string;
  location: LatLng | null;
}

/**
 * ETA of every open stop from the driver's position at `fromTime`, visiting them in route order.
 * A stop without coordinates gets no ETA, and the stops after it are timed from the last known one.
 */
export function etaForStops(
  position: LatLng,
  fromTime: number,
  stops: readonly OpenStop[],
  model = ETA_MODEL,
): Map<string, number | null> {
  const metresPerMs = (model.averageKmh * 1000) / 3_600_000;
  const etas = new Map<string, number | null>();
  let here = position;
  let clock = fromTime;
  for (const stop of stops) {
    if (!stop.location) {
      etas.set(stop.deliveryId, null);
      clock += model.minutesPerStop * 60_000;
      continue;
    }
    clock += (distanceM(here, stop.location) * model.roadFactor) / metresPerMs;
    etas.set(stop.deliveryId, Math.round(clock));
    clock += model.minutesPerStop * 60_000;
    here = stop.location;
  }
  return etas;
}
