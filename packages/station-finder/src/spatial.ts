import { DETOUR_FACTOR, EARTH_RADIUS_M, haversine, walkingMinutes } from './geo.js';
import { StationTable } from './table.js';
import { facilityMask, type Facility, type LonLat, type Quality, type Station } from './types.js';

/** Anything that answers a nearest-stations query: the index, or a scan of the table. */
export interface NearestSearch {
  nearest(query: NearestQuery): NearbyStation[];
}

/** A station with how far it is from the query point on foot. */
export interface NearbyStation {
  station: Station;
  /** Estimated walking distance in metres. */
  distance: number;
  /** Estimated minutes on foot. */
  minutes: number;
}

export interface NearestQuery {
  origin: LonLat;
  /** Facilities a station must all have (and `free`: `fee=no`). */
  facilities?: readonly (Facility | Quality)[];
  /** Facilities a station must not have (for the default order: stations without toilets after those with). */
  without?: readonly Facility[];
  /** Further condition, e.g. "open now". */
  where?: (station: Station) => boolean;
  /** Search radius in km of walking distance. Default 5. */
  radiusKm?: number;
  /** How many to return. Default 10. */
  limit?: number;
}

export function nearby(station: Station, origin: LonLat): NearbyStation {
  const distance = haversine(origin, station) * DETOUR_FACTOR;
  return { station, distance, minutes: walkingMinutes(distance) };
}

const RAD = Math.PI / 180;

/**
 * The answer of {@link StationIndex.nearest} from a table's typed arrays,
 * without an index: one pass over the rows (a few milliseconds for 100,000),
 * with a box around the origin before any trigonometry. The element answers
 * its first list this way and builds the index after it.
 */
export function scanNearest(table: StationTable, { origin, facilities = [], without = [], where, radiusKm = 5, limit = 10 }: NearestQuery): NearbyStation[] {
  if (limit <= 0) return [];
  const { lon, lat, mask: masks, size } = table;
  const mask = facilityMask(facilities);
  const none = facilityMask(without);
  const maxMeters = radiusKm * 1000;
  const reach = maxMeters / DETOUR_FACTOR / EARTH_RADIUS_M / RAD;
  const cosLat = Math.cos(origin.lat * RAD);
  // Near a pole or across the antimeridian the box would wrap: check longitude by distance only.
  const lonReach = Math.abs(origin.lat) + reach < 89 ? reach / cosLat : 360;
  const wrap = origin.lon - lonReach < -180 || origin.lon + lonReach > 180;
  const rows: number[] = [];
  const meters: number[] = [];
  for (let i = 0; i < size; i++) {
    if ((masks[i]! & mask) !== mask || (masks[i]! & none) !== 0) continue;
    const y = lat[i]!;
    if (Math.abs(y - origin.lat) > reach) continue;
    const x = lon[i]!;
    if (!wrap && Math.abs(x - origin.lon) > lonReach) continue;
    const h = Math.sin(((y - origin.lat) * RAD) / 2) ** 2 + cosLat * Math.cos(y * RAD) * Math.sin(((x - origin.lon) * RAD) / 2) ** 2;
    const walking = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))) * DETOUR_FACTOR;
    if (walking > maxMeters) continue;
    rows.push(i);
    meters.push(walking);
  }
  const order = rows.map((_, k) => k).sort((a, b) => meters[a]! - meters[b]!);
  const found: NearbyStation[] = [];
  for (const k of order) {
    if (found.length >= limit) break;
    const station = table.station(rows[k]!);
    if (where && !where(station)) continue;
    found.push({ station, distance: meters[k]!, minutes: walkingMinutes(meters[k]!) });
  }
  return found;
}

/** The same answer as {@link StationIndex.nearest} by looking at every station object: the benchmark's baseline. */
export function linearNearest(stations: readonly Station[], { origin, facilities = [], without = [], where, radiusKm = 5, limit = 10 }: NearestQuery): NearbyStation[] {
  const mask = facilityMask(facilities);
  const none = facilityMask(without);
  const found: NearbyStation[] = [];
  const maxDistance = radiusKm * 1000;
  for (const station of stations) {
    if ((station.mask & mask) !== mask || (station.mask & none) !== 0) continue;
    const item = nearby(station, origin);
    if (item.distance > maxDistance) continue;
    if (where && !where(station)) continue;
    found.push(item);
  }
  found.sort((a, b) => a.distance - b.distance);
  return found.slice(0, limit);
}

/**
 * The list a visitor sees. With a facility chosen: the nearest stations
 * that have it. With none chosen, a visitor at a station kiosk is almost
 * always looking for a toilet, so stations with toilets come first, nearest
 * first, and stations without (a drinking-water point, a charging post, a
 * shelter) only fill the list after them: a tap 50 m away must not push the
 * toilet 200 m away down the list. `free` and "open now" are conditions,
 * not facilities: they keep this order.
 */
export function visitorNearest(search: NearestSearch, query: NearestQuery): NearbyStation[] {
  const facilities = query.facilities ?? [];
  if (facilities.some((f) => f !== 'free')) return search.nearest(query);
  const limit = query.limit ?? 10;
  const toilets = search.nearest({ ...query, facilities: [...facilities, 'toilets'] });
  if (toilets.length >= limit) return toilets;
  return [...toilets, ...search.nearest({ ...query, without: [...(query.without ?? []), 'toilets'], limit: limit - toilets.length })];
}

/** What to do when nothing matches: which single filter to drop to find the nearest station. */
export interface DropSuggestion {
  /** The filter to drop: a facility, `free` or "open now". */
  drop: Facility | Quality | 'open_now';
  /** The nearest station once it is dropped. */
  nearest: NearbyStation;
}

/**
 * For an empty answer, tries dropping each filter in turn and suggests the
 * one that brings back the nearest station; undefined when none does.
 */
export function suggestDrop(
  index: NearestSearch,
  query: Omit<NearestQuery, 'limit'>,
  openNow?: (station: Station) => boolean,
): DropSuggestion | undefined {
  const facilities = query.facilities ?? [];
  const candidates: DropSuggestion[] = [];
  for (const facility of facilities) {
    const rest = facilities.filter((f) => f !== facility);
    const [first] = index.nearest({ ...query, facilities: rest, where: openNow, limit: 1 });
    if (first) candidates.push({ drop: facility, nearest: first });
  }
  if (openNow) {
    const [first] = index.nearest({ ...query, facilities, where: undefined, limit: 1 });
    if (first) candidates.push({ drop: 'open_now', nearest: first });
  }
  candidates.sort((a, b) => a.nearest.distance - b.nearest.distance);
  return candidates[0];
}
