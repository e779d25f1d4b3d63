import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { DETOUR_FACTOR, haversine, walkingMinutes } from './geo.js';
import { facilityMask } from './parse.js';
import type { Facility, LonLat, Station } from './types.js';

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
  /** Facilities a station must all have. */
  facilities?: readonly Facility[];
  /** Further condition, e.g. "open now". */
  where?: (station: Station) => boolean;
  /** Search radius in km of walking distance. Default 5. */
  radiusKm?: number;
  /** How many to return. Default 10. */
  limit?: number;
}

/**
 * A static spatial index over one data set (kdbush + geokdbush), built once
 * when the data arrives and reused for every query and render.
 */
export class StationIndex {
  readonly stations: readonly Station[];
  readonly #kd: KDBush;
  readonly #masks: Uint8Array;
  /** How many indexes have been built in this page (lets tests prove "once per data set"). */
  static builds = 0;

  constructor(stations: readonly Station[]) {
    this.stations = stations;
    this.#kd = new KDBush(Math.max(1, stations.length), 64, Float64Array);
    this.#masks = new Uint8Array(stations.length);
    for (let i = 0; i < stations.length; i++) {
      const station = stations[i] as Station;
      this.#kd.add(station.lon, station.lat);
      this.#masks[i] = station.mask;
    }
    if (stations.length === 0) this.#kd.add(0, 0);
    this.#kd.finish();
    StationIndex.builds++;
  }

  get size(): number {
    return this.stations.length;
  }

  /** The nearest stations with every requested facility, nearest first. */
  nearest({ origin, facilities = [], where, radiusKm = 5, limit = 10 }: NearestQuery): NearbyStation[] {
    if (this.stations.length === 0 || limit <= 0) return [];
    const mask = facilityMask(facilities);
    const masks = this.#masks;
    const stations = this.stations;
    const ids = around(this.#kd, origin.lon, origin.lat, limit, radiusKm / DETOUR_FACTOR, (id) => {
      if ((masks[id]! & mask) !== mask) return false;
      return where ? where(stations[id]!) : true;
    });
    return ids.map((id) => nearby(stations[id]!, origin));
  }

  /** Every station within the radius with the facilities (unordered), e.g. for the map. */
  within({ origin, facilities = [], where, radiusKm = 5 }: Omit<NearestQuery, 'limit'>): Station[] {
    return this.nearest({ origin, facilities, where, radiusKm, limit: Infinity }).map((item) => item.station);
  }

  /** The nearest station at all, whatever its facilities, within a radius. */
  count(query: Omit<NearestQuery, 'limit'>): number {
    return this.nearest({ ...query, limit: Infinity }).length;
  }
}

export function nearby(station: Station, origin: LonLat): NearbyStation {
  const distance = haversine(origin, station) * DETOUR_FACTOR;
  return { station, distance, minutes: walkingMinutes(distance) };
}

/** The same answer as {@link StationIndex.nearest} by looking at every station: the benchmark's baseline. */
export function linearNearest(stations: readonly Station[], { origin, facilities = [], where, radiusKm = 5, limit = 10 }: NearestQuery): NearbyStation[] {
  const mask = facilityMask(facilities);
  const found: NearbyStation[] = [];
  const maxDistance = radiusKm * 1000;
  for (const station of stations) {
    if ((station.mask & mask) !== mask) continue;
    const item = nearby(station, origin);
    if (item.distance > maxDistance) continue;
    if (where && !where(station)) continue;
    found.push(item);
  }
  found.sort((a, b) => a.distance - b.distance);
  return found.slice(0, limit);
}

/** What to do when nothing matches: which single filter to drop to find the nearest station. */
export interface DropSuggestion {
  /** The filter to drop: a facility or "open now". */
  drop: Facility | 'open_now';
  /** The nearest station once it is dropped. */
  nearest: NearbyStation;
}

/**
 * For an empty answer, tries dropping each filter in turn and suggests the
 * one that brings back the nearest station; undefined when none does.
 */
export function suggestDrop(
  index: StationIndex,
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
