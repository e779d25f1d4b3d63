import { isValidLonLat } from './geo.js';
import { FACILITIES, type Facility, type Station } from './types.js';

/** Why features were skipped while reading a data set. */
export interface ParseReport {
  stations: Station[];
  /** Total features skipped. */
  skipped: number;
  noGeometry: number;
  badCoordinates: number;
  /** Features with none of the facilities this kiosk knows (e.g. a bench). */
  noFacility: number;
}

type Tags = Record<string, unknown>;

const YES = new Set(['yes', 'designated', 'true', '1', 'limited']);
const WIFI = new Set(['wlan', 'wifi', 'yes']);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed || undefined;
  }
  if (typeof value === 'number') return String(value);
  return undefined;
}

function yes(value: unknown): boolean {
  if (value === undefined) return false;
  return value === 'yes' || value === true || (typeof value === 'string' && YES.has(value.trim().toLowerCase()));
}

/** Bit i set = FACILITIES[i] present. */
export function facilityMask(facilities: readonly Facility[]): number {
  let mask = 0;
  for (const facility of facilities) mask |= BIT[facility] ?? 0;
  return mask;
}

const BIT = {
  toilets: 1,
  wheelchair: 2,
  baby_change: 4,
  drinking_water: 8,
  charging: 16,
  wifi: 32,
  rest_room: 64,
} as const satisfies Record<Facility, number>;

/** One shared, frozen facility list per bit set: 100,000 stations need only a handful of arrays. */
const LISTS: readonly (readonly Facility[])[] = Array.from({ length: 128 }, (_, mask) =>
  Object.freeze(FACILITIES.filter((facility) => (mask & BIT[facility]) !== 0)),
);

/** The facility bit set of OpenStreetMap tags (and our server's `facilities` list). */
export function maskFromTags(tags: Tags): number {
  let mask = 0;
  const amenity = tags.amenity;
  if (amenity === 'toilets' || yes(tags.toilets)) mask |= BIT.toilets;
  if (yes(tags['toilets:wheelchair']) || (mask & BIT.toilets && yes(tags.wheelchair))) mask |= BIT.wheelchair;
  if (yes(tags.changing_table) || yes(tags.diaper) || yes(tags.baby_changing)) mask |= BIT.baby_change;
  if (amenity === 'drinking_water' || yes(tags.drinking_water)) mask |= BIT.drinking_water;
  if (amenity === 'charging_station' || yes(tags.charging_station) || yes(tags.device_charging) || hasSocket(tags)) mask |= BIT.charging;
  const internet = tags.internet_access;
  if (typeof internet === 'string' && WIFI.has(internet.toLowerCase())) mask |= BIT.wifi;
  if (yes(tags.shelter) || yes(tags.lounge) || amenity === 'shelter' || yes(tags.rest_room)) mask |= BIT.rest_room;
  if (Array.isArray(tags.facilities)) {
    for (const name of tags.facilities) if (typeof name === 'string' && name in BIT) mask |= BIT[name as Facility];
  }
  return mask;
}

/** Maps OpenStreetMap tags (and our server's `facilities` list) to facilities. */
export function facilitiesFromTags(tags: Tags): Facility[] {
  return [...LISTS[maskFromTags(tags)]!];
}

function hasSocket(tags: Tags): boolean {
  for (const key in tags) {
    if (key.charCodeAt(0) === 115 /* s */ && key.startsWith('socket:') && text(tags[key]) !== 'no' && text(tags[key]) !== '0') return true;
  }
  return false;
}

function firstText(tags: Tags, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(tags[key]);
    if (value) return value;
  }
  return undefined;
}

/** The ISO date (YYYY-MM-DD) or date-time a station was last verified, if any. */
function verifiedDate(tags: Tags): string | undefined {
  const value = firstText(tags, ['check_date', 'survey:date', 'verified_at', 'check_date:opening_hours', 'updated_at', 'lastcheck']);
  return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** The point of a GeoJSON geometry: a Point, or the mean of a line or polygon ring (Overpass ways). */
function pointOf(geometry: unknown): [unknown, unknown] | undefined {
  if (!geometry || typeof geometry !== 'object') return undefined;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return undefined;
  if (type === 'Point') return [coordinates[0], coordinates[1]];
  const ring = type === 'Polygon' ? (coordinates[0] as unknown) : type === 'LineString' || type === 'MultiPoint' ? coordinates : undefined;
  if (!Array.isArray(ring) || ring.length === 0) return undefined;
  let lon = 0;
  let lat = 0;
  for (const position of ring as unknown[]) {
    if (!Array.isArray(position)) return [NaN, NaN];
    lon += Number(position[0]);
    lat += Number(position[1]);
  }
  return [lon / ring.length, lat / ring.length];
}

const NAME_KEYS = ['name', 'name:zh', 'name_zh'] as const;

/**
 * A station read from tags. Only what the index and the list need is read
 * up front; the rest comes from the tags when asked, so 100,000 features
 * load quickly and with little garbage.
 */
class StationRecord implements Station {
  readonly facilities: Facility[];
  constructor(
    readonly id: string,
    readonly name: string,
    readonly lon: number,
    readonly lat: number,
    readonly mask: number,
    readonly tags: Tags,
  ) {
    this.facilities = LISTS[mask] as Facility[];
  }
  get nameEn(): string | undefined {
    return firstText(this.tags, ['name:en', 'name_en']);
  }
  get openingHours(): string | undefined {
    return text(this.tags.opening_hours);
  }
  get operator(): string | undefined {
    return text(this.tags.operator);
  }
  get phone(): string | undefined {
    return firstText(this.tags, ['contact:phone', 'phone']);
  }
  get official(): { name?: string; phone?: string } | undefined {
    const name = firstText(this.tags, ['official', 'official_name', 'official:name', 'contact:name']);
    const phone = firstText(this.tags, ['official_phone', 'official:phone']);
    return name || phone ? { name, phone } : undefined;
  }
  get verified(): string | undefined {
    return verifiedDate(this.tags);
  }
  /** Plain data, e.g. for JSON.stringify and structured clones. */
  toJSON(): Station {
    const { id, name, nameEn, lon, lat, facilities, mask, openingHours, operator, phone, official, verified, tags } = this;
    return { id, name, nameEn, lon, lat, facilities: [...facilities], mask, openingHours, operator, phone, official, verified, tags };
  }
}

/** Our server's flat rows (`lon`, `lat`, `tags` as JSON) as GeoJSON features. */
function asFeature(item: unknown): { geometry?: unknown; properties: Tags; id?: unknown } | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  if (record.type === 'Feature' || 'geometry' in record || 'properties' in record) {
    const properties = record.properties && typeof record.properties === 'object' ? (record.properties as Tags) : {};
    return { geometry: record.geometry, properties, id: record.id };
  }
  let tags: Tags = {};
  if (typeof record.tags === 'string') {
    try {
      const parsed: unknown = JSON.parse(record.tags);
      if (parsed && typeof parsed === 'object') tags = parsed as Tags;
    } catch {
      // Unreadable tags: the row counts as having no facility below.
    }
  } else if (record.tags && typeof record.tags === 'object') {
    tags = record.tags as Tags;
  }
  const geometry = 'lon' in record ? { type: 'Point', coordinates: [record.lon, record.lat] } : undefined;
  return { geometry, properties: { ...record, ...tags }, id: record.id };
}

/** The feature list of a FeatureCollection, a bare array, or `{ stations: [...] }`. */
function featuresOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (Array.isArray(record.features)) return record.features;
    if (Array.isArray(record.stations)) return record.stations;
  }
  return [];
}

/**
 * Reads stations from GeoJSON with OSM-style tags (an Overpass export of
 * `amenity=toilets` works as is) or from our server's `/api/stations`.
 * Never throws: unusable features are counted in the report instead.
 */
export function parseStations(data: unknown): ParseReport {
  const report: ParseReport = { stations: [], skipped: 0, noGeometry: 0, badCoordinates: 0, noFacility: 0 };
  const features = featuresOf(data);
  for (let i = 0; i < features.length; i++) {
    const feature = asFeature(features[i]);
    const point = feature && pointOf(feature.geometry);
    if (!feature || !point) {
      report.noGeometry++;
      continue;
    }
    const [lon, lat] = point;
    if (!isValidLonLat(lon, lat) || (lon === 0 && lat === 0)) {
      report.badCoordinates++;
      continue;
    }
    const tags = feature.properties;
    const mask = maskFromTags(tags);
    if (mask === 0) {
      report.noFacility++;
      continue;
    }
    report.stations.push(
      new StationRecord(
        text(feature.id) ?? text(tags['@id']) ?? text(tags.id) ?? `station-${i}`,
        firstText(tags, NAME_KEYS) ?? '',
        lon,
        lat as number,
        mask,
        tags,
      ),
    );
  }
  report.skipped = report.noGeometry + report.badCoordinates + report.noFacility;
  return report;
}

/** The one warning for a data set: skipped features and unreadable opening hours, counted. */
export function skippedWarning(
  total: number,
  skippedBy: { noGeometry: number; badCoordinates: number; noFacility: number } | undefined,
  unreadableHours: number,
): string | undefined {
  const skipped = skippedBy ? skippedBy.noGeometry + skippedBy.badCoordinates + skippedBy.noFacility : 0;
  if (!skipped && !unreadableHours) return undefined;
  const parts: string[] = [];
  if (skippedBy?.noGeometry) parts.push(`${skippedBy.noGeometry} without a point geometry`);
  if (skippedBy?.badCoordinates) parts.push(`${skippedBy.badCoordinates} with impossible coordinates`);
  if (skippedBy?.noFacility) parts.push(`${skippedBy.noFacility} with no known facility`);
  const hours = unreadableHours ? `${unreadableHours} station(s) have opening_hours that cannot be read (shown as "hours unknown")` : '';
  return `ck-station-finder: ${[skipped ? `skipped ${skipped} of ${total} features (${parts.join(', ')})` : '', hours].filter(Boolean).join('; ')}.`;
}
