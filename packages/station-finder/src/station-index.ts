import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { DETOUR_FACTOR } from './geo.js';
import { nearby, type NearbyStation, type NearestQuery } from './spatial.js';
import { StationTable } from './table.js';
import { facilityMask, type Station } from './types.js';

/**
 * A static spatial index over one data set (kdbush + geokdbush), built once
 * when the data arrives, straight from the table's typed arrays, and reused
 * for every query and render.
 */
export class StationIndex {
  /** The data set, in columns. */
  readonly table: StationTable;
  readonly #kd: KDBush;

  constructor(stations: readonly Station[] | StationTable) {
    const table = stations instanceof StationTable ? stations : StationTable.of(stations);
    const { lon, lat, size } = table;
    this.table = table;
    this.#kd = new KDBush(Math.max(1, size), 64, Float64Array);
    for (let i = 0; i < size; i++) this.#kd.add(lon[i]!, lat[i]!);
    if (size === 0) this.#kd.add(0, 0);
    this.#kd.finish();
  }

  get size(): number {
    return this.table.size;
  }

  /** Every station as an object (made on first access: 100,000 objects for 100,000 stations). */
  get stations(): readonly Station[] {
    return this.table.toArray();
  }

  /** The nearest stations with every requested facility, nearest first. */
  nearest({ origin, facilities = [], without = [], where, radiusKm = 5, limit = 10 }: NearestQuery): NearbyStation[] {
    const table = this.table;
    if (table.size === 0 || limit <= 0) return [];
    const mask = facilityMask(facilities);
    const none = facilityMask(without);
    const masks = table.mask;
    const ids = around(this.#kd, origin.lon, origin.lat, limit, radiusKm / DETOUR_FACTOR, (id) => {
      if ((masks[id]! & mask) !== mask || (masks[id]! & none) !== 0) return false;
      return where ? where(table.station(id)) : true;
    });
    return ids.map((id) => nearby(table.station(id), origin));
  }

  /** Every station within the radius with the facilities (unordered), e.g. for the map. */
  within(query: Omit<NearestQuery, 'limit'>): Station[] {
    return this.nearest({ ...query, limit: Infinity }).map((item) => item.station);
  }

  /** How many stations within the radius have the facilities (and meet the condition). */
  count(query: Omit<NearestQuery, 'limit'>): number {
    return this.nearest({ ...query, limit: Infinity }).length;
  }
}

