import type { StationTable } from './table.js';

/** A facility a station can offer, mapped from OpenStreetMap tags. */
export type Facility = 'toilets' | 'wheelchair' | 'baby_change' | 'drinking_water' | 'charging' | 'wifi' | 'rest_room';

/** Every facility, in the order chips and icons are shown. */
export const FACILITIES: readonly Facility[] = ['toilets', 'wheelchair', 'baby_change', 'drinking_water', 'charging', 'wifi', 'rest_room'];

/** The bit of each facility in a station's `mask` (bit i = FACILITIES[i]). */
export const FACILITY_BIT = {
  toilets: 1,
  wheelchair: 2,
  baby_change: 4,
  drinking_water: 8,
  charging: 16,
  wifi: 32,
  rest_room: 64,
} as const satisfies Record<Facility, number>;

/** The bit set of a list of facilities. */
export function facilityMask(facilities: readonly Facility[]): number {
  let mask = 0;
  for (const facility of facilities) mask |= FACILITY_BIT[facility] ?? 0;
  return mask;
}

/** A filter chip: a facility, or "open now". */
export type StationFilter = Facility | 'open_now';

/** A point in WGS-84 degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

/** One station, read from a GeoJSON feature with OSM-style tags. */
export interface Station extends LonLat {
  id: string;
  /** Chinese (or the only) name: OSM `name`, or our server's `name_zh`. */
  name: string;
  /** English name: OSM `name:en`, or our server's `name_en`. */
  nameEn?: string;
  facilities: readonly Facility[];
  /** Facilities as a bit set (bit i = FACILITIES[i]), for fast filtering. */
  mask: number;
  /** OSM `opening_hours`, unparsed. */
  openingHours?: string;
  operator?: string;
  /** The station's own phone (`contact:phone` / `phone`). */
  phone?: string;
  /** The responsible official, posted on the wall of the station. */
  official?: { name?: string; phone?: string };
  /** When the data was last checked (`check_date`, `survey:date`, or the server's `verified_at` / `updated_at`), ISO date. */
  verified?: string;
  /** The original tags, for embedders who need more. */
  tags: Readonly<Record<string, unknown>>;
}

/** What a source delivers. */
export interface StationCollection {
  stations: Station[];
  /**
   * The same stations in columns (typed arrays, objects made on demand), as
   * the built-in sources deliver them; the element indexes this when present
   * and builds it from `stations` otherwise.
   */
  table?: StationTable;
  /** Features that could not be used (no geometry, impossible coordinates, ...). */
  skipped: number;
  /** Why they were skipped. */
  skippedBy?: { noGeometry: number; badCoordinates: number; noFacility: number };
  /** Set when this is a cached copy shown because the API could not be reached. */
  offline?: boolean;
  /** When the copy was fetched from the API (ISO date-time), if known. */
  fetchedAt?: string;
}

/** Any backend of stations: our HTTP API, an Overpass export, memory. */
export interface StationSource {
  load(signal?: AbortSignal): Promise<StationCollection>;
}
