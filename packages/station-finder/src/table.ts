import type { Station } from './types.js';

/**
 * Stations in columns: positions and facility bit sets in typed arrays (all
 * that the index, the facility filter and the distances need), and a full
 * {@link Station} object made only for a row that is shown, chosen or
 * checked ("open now"). 100,000 stations then cost three typed arrays until
 * someone looks at one of them.
 */
export class StationTable {
  readonly size: number;
  /** Longitude of row i, WGS-84 degrees. */
  readonly lon: Float64Array;
  /** Latitude of row i. */
  readonly lat: Float64Array;
  /** Facilities (and `free`) of row i as a bit set (see `FACILITY_BIT`). */
  readonly mask: Uint16Array;
  readonly #made: (Station | undefined)[];
  #all: Station[] | undefined;
  #rows: Map<string, number> | undefined;

  constructor(lon: Float64Array, lat: Float64Array, mask: Uint16Array, made: (Station | undefined)[] = new Array<Station | undefined>(lon.length)) {
    this.size = lon.length;
    this.lon = lon;
    this.lat = lat;
    this.mask = mask;
    this.#made = made;
  }

  /** A table over stations that are already objects (a custom source's `stations`). */
  static of(stations: readonly Station[]): StationTable {
    const n = stations.length;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const mask = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const station = stations[i]!;
      lon[i] = station.lon;
      lat[i] = station.lat;
      mask[i] = station.mask;
    }
    return new StationTable(lon, lat, mask, [...stations]);
  }

  /** Row i as a Station, made on first use and kept. */
  station(i: number): Station {
    return (this.#made[i] ??= this.make(i));
  }

  /** Makes the Station of row i (tables read from tags override this). */
  protected make(i: number): Station {
    throw new RangeError(`No station in row ${i}`);
  }

  /** The id of row i. */
  id(i: number): string {
    return this.station(i).id;
  }

  /** The unparsed `opening_hours` of row i. */
  openingHours(i: number): string | undefined {
    return this.station(i).openingHours;
  }

  /** The station with this id, if any (a lookup map is built on first use). */
  find(id: string): Station | undefined {
    if (!this.#rows) {
      this.#rows = new Map();
      for (let i = this.size - 1; i >= 0; i--) this.#rows.set(this.id(i), i);
    }
    const row = this.#rows.get(id);
    return row === undefined ? undefined : this.station(row);
  }

  /** Every row as a Station (makes them all: for embedders, not for the first list). */
  toArray(): Station[] {
    return (this.#all ??= Array.from({ length: this.size }, (_, i) => this.station(i)));
  }
}
