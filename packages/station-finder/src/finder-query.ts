import type { HoursEvaluator } from './hours.js';
import { scanNearest, suggestDrop, visitorNearest, type DropSuggestion, type NearbyStation, type NearestQuery, type NearestSearch } from './spatial.js';
import type { StationIndex } from './station-index.js';
import type { StationTable } from './table.js';
import type { Facility, LonLat, Quality, Station, StationFilter } from './types.js';

/** What the list is asked: everything that changes its answer. */
export interface QueryInput {
  origin: LonLat | undefined;
  table: StationTable | undefined;
  index: StationIndex | undefined;
  hours: HoursEvaluator | undefined;
  filters: readonly StationFilter[];
  radiusKm: number;
  limit: number;
  now: Date;
}

/**
 * The finder's query, kept between renders: it is answered again only when
 * an input changed (a re-render for a highlight must not re-query 100,000
 * stations), from the index once it is built and from one scan of the table
 * before. The map's other stations are looked up only when the map asks.
 */
export class FinderQuery {
  /** Changes whenever the answer may have changed. */
  key = '';
  results: NearbyStation[] = [];
  /** When nothing matches: the one filter to drop. */
  suggestion: DropSuggestion | undefined;
  #table: StationTable | undefined;
  #index: StationIndex | undefined;
  #others: (() => Station[]) | undefined;

  update({ origin, table, index, hours, filters, radiusKm, limit, now }: QueryInput): void {
    const key = [origin?.lat, origin?.lon, filters.join(), radiusKm, limit, hours?.timeZone, Math.floor(now.getTime() / 60_000)].join('|');
    if (key === this.key && table === this.#table && index === this.#index) return;
    const sameAnswer = key === this.key && table === this.#table;
    this.key = key;
    this.#table = table;
    this.#index = index;
    // The index arriving changes nothing on screen: the same list, only the next queries are quicker.
    if (sameAnswer) return;
    this.results = [];
    this.suggestion = undefined;
    this.#others = undefined;
    if (!origin || !table) return;
    const facilities = filters.filter((f): f is Facility | Quality => f !== 'open_now');
    const wantOpen = filters.includes('open_now');
    // "Open now" waits for the opening-hours rules (loaded on demand).
    if (wantOpen && !hours) return;
    const where = wantOpen && hours ? (station: Station) => hours.isOpen(station, now) : undefined;
    const query = { origin, facilities, where, radiusKm };
    const search: NearestSearch = { nearest: (q: NearestQuery) => (this.#index ? this.#index.nearest(q) : scanNearest(table, q)) };
    this.results = visitorNearest(search, { ...query, limit });
    if (this.results.length === 0) this.suggestion = suggestDrop(search, query, where);
    else this.#others = () => search.nearest({ ...query, where: undefined, limit: 5000 }).map((item) => item.station);
  }

  /** Every station matching the facilities nearby, for the map (looked up when the map draws). */
  others(): Station[] {
    return this.#others?.() ?? [];
  }

  /** A station of the answer or of the data set. */
  find(id: string): Station | undefined {
    return this.results.find((item) => item.station.id === id)?.station ?? this.#table?.find(id);
  }
}
