/** A point on the earth in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_DIAMETER_M = 12_742_000;

/** Great-circle (haversine) distance in metres. */
export function distanceM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return EARTH_DIAMETER_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
