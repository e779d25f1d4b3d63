import { StationTable } from './table.js';
import { FACILITIES, FACILITY_BIT as BIT, FACILITY_BITS, facilityMask, type Facility, type Station, type StationAccess, type StationFee } from './types.js';

export { facilityMask };

/** Why features were skipped while reading a data set. */
export interface ParseReport {
  /** The stations read, in columns (what the element indexes). */
  table: StationTable;
  /** The same stations as objects (made on first access). */
  stations: Station[];
  /** Total features skipped. */
  skipped: number;
  noGeometry: number;
  badCoordinates: number;
  /** Features with none of the facilities this kiosk knows (e.g. a bench). */
  noFacility: number;
  /** `access=private|no`: not offered to the public. */
  notPublic: number;
  /** Lifecycle-prefixed (`disused:amenity`, `abandoned:*`): no longer there. */
  disused: number;
}

type Tags = Record<string, unknown>;

const YES = new Set(['yes', 'designated', 'true', '1']);
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

/** One shared, frozen facility list per bit set: 100,000 stations need only a handful of arrays. */
const LISTS: readonly (readonly Facility[])[] = Array.from({ length: FACILITY_BITS + 1 }, (_, mask) =>
  Object.freeze(FACILITIES.filter((facility) => (mask & BIT[facility]) !== 0)),
);

/**
 * The facility bit set of OpenStreetMap tags (and our server's `facilities`
 * list). One pass over the keys a feature has, rather than a look-up for every
 * key it might have: this runs for every feature before the first list.
 */
export function maskFromTags(tags: Tags): number {
  let mask = 0;
  // `toilets:wheelchair` says it of the toilet itself; `wheelchair` (often the building or the path) counts only without it.
  let toiletsWheelchair: boolean | undefined;
  let wheelchair = false;
  for (const key in tags) {
    const value = tags[key];
    switch (key) {
      case 'amenity':
        mask |= value === 'toilets' ? BIT.toilets : value === 'drinking_water' ? BIT.drinking_water : value === 'charging_station' ? BIT.charging : value === 'shelter' ? BIT.rest_room : 0;
        break;
      case 'toilets':
        if (yes(value)) mask |= BIT.toilets;
        break;
      case 'toilets:wheelchair':
        toiletsWheelchair = yes(value);
        break;
      case 'wheelchair':
        wheelchair = yes(value);
        break;
      case 'changing_table':
      case 'diaper':
      case 'baby_changing':
      case 'station:mother_baby_room':
        if (yes(value)) mask |= BIT.baby_change;
        break;
      case 'drinking_water':
        if (yes(value)) mask |= BIT.drinking_water;
        break;
      case 'charging_station':
      case 'device_charging':
        if (yes(value)) mask |= BIT.charging;
        break;
      case 'internet_access':
        if (typeof value === 'string' && WIFI.has(value.toLowerCase())) mask |= BIT.wifi;
        break;
      case 'unisex':
      case 'toilets:unisex':
      case 'station:family_room':
        if (yes(value)) mask |= BIT.family_room;
        break;
      case 'fee':
        // Only an explicit "no" is free: a missing fee tag says nothing.
        if (value === 'no' || value === false) mask |= BIT.free;
        break;
      case 'shelter':
      case 'lounge':
      case 'rest_room':
      case 'station:rest_room':
        if (yes(value)) mask |= BIT.rest_room;
        break;
      case 'facilities':
        if (Array.isArray(value)) for (const name of value) if (typeof name === 'string' && name in BIT) mask |= BIT[name as Facility];
        break;
      default:
        if (key.charCodeAt(0) === 115 /* s */ && key.startsWith('socket:')) {
          const count = text(value);
          if (count !== undefined && count !== 'no' && count !== '0') mask |= BIT.charging;
        }
    }
  }
  if (toiletsWheelchair ?? (mask & BIT.toilets && wheelchair)) mask |= BIT.wheelchair;
  return mask;
}

/** Maps OpenStreetMap tags (and our server's `facilities` list) to facilities. */
export function facilitiesFromTags(tags: Tags): Facility[] {
  return [...LISTS[maskFromTags(tags) & FACILITY_BITS]!];
}

/** Why a feature is not offered at all, or undefined when it is. */
export type Exclusion = 'not_public' | 'disused';

const NOT_PUBLIC = new Set(['private', 'no']);

/**
 * OSM says a feature is not for the public (`access=private|no`), or no
 * longer there: a lifecycle prefix on the amenity (`disused:amenity=toilets`
 * without a live `amenity`), or `disused=yes` / `abandoned=yes`. A handful of
 * look-ups per feature, no loop: it runs for every feature before the first list.
 */
export function exclusionOf(tags: Tags): Exclusion | undefined {
  const access = tags.access;
  if (typeof access === 'string' && NOT_PUBLIC.has(access.trim().toLowerCase())) return 'not_public';
  if (tags.amenity === undefined && (tags['disused:amenity'] !== undefined || tags['abandoned:amenity'] !== undefined || tags['was:amenity'] !== undefined)) return 'disused';
  if (yes(tags.disused) || yes(tags.abandoned)) return 'disused';
  return undefined;
}

/** `access=customers|permissive`: shown, with a note saying so. */
export function accessOf(tags: Tags): StationAccess | undefined {
  const access = text(tags.access)?.toLowerCase();
  return access === 'customers' || access === 'permissive' ? access : undefined;
}

const YUAN = /^(?:¥|￥)?\s*(\d+(?:\.\d+)?)\s*(?:CNY|RMB|元|¥|￥)?(?:\s*(?:\/|per)\s*\S+)?$/i;

/** OSM `fee` and `charge`: "1 CNY", "1元", "¥0.5", "0.50 CNY/use" read as yuan; anything else kept as text. */
export function feeOf(tags: Tags): StationFee | undefined {
  const fee = tags.fee;
  const charge = text(tags.charge);
  const paid = fee === true || (typeof fee === 'string' && YES.has(fee.trim().toLowerCase())) ? true : fee === false || text(fee)?.toLowerCase() === 'no' ? false : undefined;
  if (paid === undefined && !charge) return undefined;
  if (paid === false) return { paid: false };
  const match = charge ? YUAN.exec(charge) : null;
  const yuan = match ? Number(match[1]) : undefined;
  // A charge of 0 is free whatever `fee` says.
  if (yuan === 0) return { paid: false, charge };
  return { paid: true, charge, yuan };
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

/** The responsible official: our server's `official: { name, phone }`, or flat tags. */
function officialOf(tags: Tags): Station['official'] {
  const nested = tags.official && typeof tags.official === 'object' ? (tags.official as Tags) : {};
  const name = text(nested.name) ?? firstText(tags, ['official', 'official_name', 'official:name', 'contact:name']);
  const phone = text(nested.phone) ?? firstText(tags, ['official_phone', 'official:phone']);
  return name || phone ? { name, phone } : undefined;
}

/**
 * A station read from tags. Only what the index and the list need is read
 * up front; the rest comes from the tags when asked.
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
    this.facilities = LISTS[mask & FACILITY_BITS] as Facility[];
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
  get operatorEn(): string | undefined {
    return text(this.tags['operator:en']);
  }
  get access(): StationAccess | undefined {
    return accessOf(this.tags);
  }
  get fee(): StationFee | undefined {
    return feeOf(this.tags);
  }
  get phone(): string | undefined {
    return firstText(this.tags, ['contact:phone', 'phone']);
  }
  get official(): { name?: string; phone?: string } | undefined {
    return officialOf(this.tags);
  }
  get verified(): string | undefined {
    return verifiedDate(this.tags);
  }
  /** Plain data, e.g. for JSON.stringify and structured clones. */
  toJSON(): Station {
    const { id, name, nameEn, lon, lat, facilities, mask, openingHours, operator, operatorEn, access, fee, phone, official, verified, tags } = this;
    return { id, name, nameEn, lon, lat, facilities: [...facilities], mask, openingHours, operator, operatorEn, access, fee, phone, official, verified, tags };
  }
}

/** Rows read from tagged features: a row becomes a {@link StationRecord} when first asked for. */
class TaggedTable extends StationTable {
  readonly #tags: Tags[];
  readonly #ids: unknown[];
  readonly #at: Uint32Array;

  constructor(lon: Float64Array, lat: Float64Array, mask: Uint16Array, tags: Tags[], ids: unknown[], at: Uint32Array) {
    super(lon, lat, mask);
    this.#tags = tags;
    this.#ids = ids;
    this.#at = at;
  }

  protected override make(i: number): Station {
    const tags = this.#tags[i]!;
    return new StationRecord(this.id(i), firstText(tags, NAME_KEYS) ?? '', this.lon[i]!, this.lat[i]!, this.mask[i]!, tags);
  }

  override id(i: number): string {
    const tags = this.#tags[i]!;
    return text(this.#ids[i]) ?? text(tags['@id']) ?? text(tags.id) ?? `station-${this.#at[i]}`;
  }

  override openingHours(i: number): string | undefined {
    return text(this.#tags[i]!.opening_hours);
  }
}

/** The `type/id` of an osmtogeojson feature's properties, when the feature itself has no id. */
function osmId(properties: Tags): string | undefined {
  const { type, id } = properties;
  return (type === 'node' || type === 'way' || type === 'relation') && (typeof id === 'number' || typeof id === 'string') ? `${type}/${id}` : undefined;
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
  // Overpass JSON: nodes have lat/lon, ways and relations a `center` with `out center`; ids are per type.
  const center = record.center && typeof record.center === 'object' ? (record.center as Record<string, unknown>) : record;
  const geometry = 'lon' in center ? { type: 'Point', coordinates: [center.lon, center.lat] } : undefined;
  const osmType = record.type === 'node' || record.type === 'way' || record.type === 'relation' ? record.type : undefined;
  const id = osmType && (typeof record.id === 'number' || typeof record.id === 'string') ? `${osmType}/${record.id}` : record.id;
  const { tags: _raw, ...fields } = record;
  return { geometry, properties: { ...fields, ...tags }, id };
}

/**
 * osmtogeojson nests the OSM tags: `properties: { type: 'node', id: 1, tags: {...}, meta: {...} }`
 * (with `@id` and the feature id `node/1`); Overpass turbo's export and our server keep them flat.
 */
function tagsOf(properties: Tags): Tags {
  const nested = properties.tags;
  return nested && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Tags) : properties;
}

/** The feature list of a FeatureCollection, a bare array, or `{ stations: [...] }`. */
function featuresOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (Array.isArray(record.features)) return record.features;
    if (Array.isArray(record.stations)) return record.stations;
    if (Array.isArray(record.elements)) return record.elements;
  }
  return [];
}

/**
 * Reads stations from GeoJSON with OSM-style tags (an Overpass export of
 * `amenity=toilets` works as is) or from our server's `/api/stations`.
 * One pass over the features fills typed arrays of positions and facility
 * bit sets; Station objects are made later, only for the rows asked for.
 * Never throws: unusable features are counted in the report instead.
 */
export function parseStations(data: unknown): ParseReport {
  const features = featuresOf(data);
  const n = features.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const mask = new Uint16Array(n);
  const at = new Uint32Array(n);
  const tags: Tags[] = [];
  const ids: unknown[] = [];
  let rows = 0;
  let noGeometry = 0;
  let badCoordinates = 0;
  let noFacility = 0;
  let notPublic = 0;
  let disused = 0;
  for (let i = 0; i < n; i++) {
    const item = features[i] as { type?: unknown; id?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown } | null;
    let x: unknown;
    let y: unknown;
    let properties: Tags;
    let id: unknown;
    const geometry = item && typeof item === 'object' ? item.geometry : undefined;
    const props = item?.properties;
    if (geometry && geometry.type === 'Point' && Array.isArray(geometry.coordinates) && props && typeof props === 'object') {
      // The common case (a GeoJSON Point feature), read without intermediate objects.
      x = geometry.coordinates[0];
      y = geometry.coordinates[1];
      properties = props as Tags;
      id = item.id ?? properties['@id'] ?? osmId(properties);
    } else {
      const feature = asFeature(item);
      const point = feature && pointOf(feature.geometry);
      if (!feature || !point) {
        noGeometry++;
        continue;
      }
      [x, y] = point;
      properties = feature.properties;
      id = feature.id ?? properties['@id'] ?? osmId(properties);
    }
    properties = tagsOf(properties);
    // Numbers within range (NaN fails every comparison); (0, 0) is a missing position, not a place.
    if (typeof x !== 'number' || typeof y !== 'number' || !(x >= -180 && x <= 180 && y >= -90 && y <= 90) || (x === 0 && y === 0)) {
      badCoordinates++;
      continue;
    }
    const exclusion = exclusionOf(properties);
    if (exclusion) {
      if (exclusion === 'not_public') notPublic++;
      else disused++;
      continue;
    }
    const bits = maskFromTags(properties);
    if ((bits & FACILITY_BITS) === 0) {
      noFacility++;
      continue;
    }
    lon[rows] = x;
    lat[rows] = y;
    mask[rows] = bits;
    at[rows] = i;
    tags.push(properties);
    ids.push(id);
    rows++;
  }
  const table = new TaggedTable(lon.subarray(0, rows), lat.subarray(0, rows), mask.subarray(0, rows), tags, ids, at.subarray(0, rows));
  return {
    table,
    get stations() {
      return table.toArray();
    },
    skipped: noGeometry + badCoordinates + noFacility + notPublic + disused,
    noGeometry,
    badCoordinates,
    noFacility,
    notPublic,
    disused,
  };
}

export { skippedWarning } from './warning.js';
