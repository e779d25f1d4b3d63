import type { LonLat } from './types.js';

/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
/**
 * Paths are longer than the straight line: across Chinese towns and parks the
 * walked route is typically 1.2–1.4 times the great-circle distance.
 */
export const DETOUR_FACTOR = 1.3;
/** An unhurried pace that suits older visitors, in km/h. */
export const WALKING_SPEED_KMH = 4.5;

const RAD = Math.PI / 180;

/** True for a finite longitude in [-180, 180] and latitude in [-90, 90]. */
export function isValidLonLat(lon: unknown, lat: unknown): lon is number {
  return (
    typeof lon === 'number' &&
    typeof lat === 'number' &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 90
  );
}

/** Great-circle (haversine) distance in metres. */
export function haversine(a: LonLat, b: LonLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Estimated distance on foot in metres: the great-circle distance times {@link DETOUR_FACTOR}. */
export function walkingDistance(a: LonLat, b: LonLat): number {
  return haversine(a, b) * DETOUR_FACTOR;
}

/** Minutes to walk `meters` at {@link WALKING_SPEED_KMH}. */
export function walkingMinutes(meters: number, speedKmh = WALKING_SPEED_KMH): number {
  return meters / ((speedKmh * 1000) / 60);
}

/** Initial bearing from `a` to `b` in degrees clockwise from north, 0–360. */
export function bearing(a: LonLat, b: LonLat): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const Δλ = (b.lon - a.lon) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

export type CompassPoint = 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW';
const POINTS: readonly CompassPoint[] = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** The nearest of the eight compass points to a bearing. */
export function compassPoint(degrees: number): CompassPoint {
  const index = Math.round((((degrees % 360) + 360) % 360) / 45) % 8;
  return POINTS[index] ?? 'N';
}

/** Directions in words, without words: which way and how far on foot. */
export interface WalkingDirections {
  /** Compass point from the kiosk towards the station. */
  direction: CompassPoint;
  /** Bearing in degrees. */
  bearing: number;
  /** Straight-line distance in metres. */
  straight: number;
  /** Estimated walking distance in metres. */
  walking: number;
  /** Estimated minutes on foot. */
  minutes: number;
}

export function walkingDirections(from: LonLat, to: LonLat): WalkingDirections {
  const straight = haversine(from, to);
  const walking = straight * DETOUR_FACTOR;
  const deg = bearing(from, to);
  return { direction: compassPoint(deg), bearing: deg, straight, walking, minutes: walkingMinutes(walking) };
}
