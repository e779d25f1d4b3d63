import type { StationTable } from './table.js';

/**
 * A facility a station can offer, mapped from OpenStreetMap tags.
 * `family_room`: a unisex / family toilet (`unisex=yes`, or the server's
 * `station:family_room`: the 第三卫生间 of Chinese toilet standards, for a
 * carer with someone of another sex).
 */
export type Facility = 'toilets' | 'wheelchair' | 'baby_change' | 'family_room' | 'drinking_water' | 'charging' | 'wifi' | 'rest_room';

/** Every facility, in the order chips and icons are shown. */
export const FACILITIES: readonly Facility[] = ['toilets', 'wheelchair', 'baby_change', 'family_room', 'drinking_water', 'charging', 'wifi', 'rest_room'];

/** A condition on a station that is kept in its bit set like a facility: free of charge (`fee=no`). */
export type Quality = 'free';

/**
 * The bit of each facility (and of `free`) in a station's `mask`. The bits
 * are fixed (older bit sets stay valid); the display order is FACILITIES'.
 */
export const FACILITY_BIT = {
  toilets: 1,
  wheelchair: 2,
  baby_change: 4,
  drinking_water: 8,
  charging: 16,
  wifi: 32,
  rest_room: 64,
  family_room: 128,
  free: 256,
} as const satisfies Record<Facility | Quality, number>;

/** The bits that are facilities (without `free`). */
export const FACILITY_BITS = 255;

/** The bit set of a list of facilities (and `free`). */
export function facilityMask(facilities: readonly string[]): number {
  let mask = 0;
  for (const facility of facilities) mask |= (FACILITY_BIT as Record<string, number>)[facility] ?? 0;
  return mask;
}

/** A filter chip: a facility, free of charge, or "open now". */
export type StationFilter = Facility | Quality | 'open_now';

/** Every filter chip, in the order they are shown. */
export const FILTERS: readonly StationFilter[] = [...FACILITIES, 'free', 'open_now'];

/** Who may use a station, when it is not everyone (OSM `access`). Private ones are not offered at all. */
export type StationAccess = 'customers' | 'permissive';

/** What a visit costs (OSM `fee`, `charge`). */
export interface StationFee {
  /** `fee=yes` (true) or `fee=no` (false). */
  paid: boolean;
  /** OSM `charge` as tagged, e.g. "1 CNY". */
  charge?: string;
  /** The amount of `charge` when it is a plain amount in yuan (CNY, RMB, 元, ¥). */
  yuan?: number;
}

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
  /** Facilities (and `free`) as a bit set (see FACILITY_BIT), for fast filtering. */
  mask: number;
  /** OSM `opening_hours`, unparsed. */
  openingHours?: string;
  operator?: string;
  /** English name of the operator (OSM `operator:en`). */
  operatorEn?: string;
  /** Set when only some people may use it (OSM `access=customers|permissive`). */
  access?: StationAccess;
  /** Whether a visit costs money, when tagged (OSM `fee`, `charge`). */
  fee?: StationFee;
  /** The station's own phone (`contact:phone` / `phone`). */
  phone?: string;
  /** The responsible official, posted on the wall of the station. */
  official?: { name?: string; phone?: string };
  /** When the data was last checked (`check_date`, `survey:date`, or the server's `verified_at` / `updated_at`), ISO date. */
  verified?: string;
  /** The original tags, for embedders who need more. */
  tags: Readonly<Record<string, unknown>>;
}

/** Why features were skipped, counted. */
export interface SkippedBy {
  noGeometry: number;
  badCoordinates: number;
  noFacility: number;
  /** `access=private|no`: not offered to the public. */
  notPublic?: number;
  /** `disused:amenity`, `abandoned:amenity`, `disused=yes`, `abandoned=yes`: no longer there. */
  disused?: number;
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
  skippedBy?: SkippedBy;
  /** Set when this is a cached copy shown because the API could not be reached. */
  offline?: boolean;
  /** When the copy was fetched from the API (ISO date-time), if known. */
  fetchedAt?: string;
}

/** Any backend of stations: our HTTP API, an Overpass export, memory. */
export interface StationSource {
  load(signal?: AbortSignal): Promise<StationCollection>;
}
