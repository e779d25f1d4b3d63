import { ApiError, getWithOfflineCopy, type HttpClient, type ResponseCache } from '@civic-kiosk/core';
import { parseStations } from './parse.js';
import type { Station, StationCollection, StationSource } from './types.js';

export type { StationSource, StationCollection } from './types.js';

function collect(data: unknown, extra: Partial<StationCollection> = {}): StationCollection {
  const report = parseStations(data);
  const { table, skipped, noGeometry, badCoordinates, noFacility, notPublic, disused } = report;
  return {
    table,
    // Station objects only for whoever asks; the element works from the table.
    get stations() {
      return report.stations;
    },
    skipped,
    skippedBy: { noGeometry, badCoordinates, noFacility, notPublic, disused },
    ...extra,
  };
}

/** Stations held in memory: stories, tests, or data bundled with the app. Parsed once. */
export class InMemoryStationSource implements StationSource {
  #collection: StationCollection | undefined;
  readonly #data: unknown;
  readonly #delayMs: number;

  /** `data`: GeoJSON (FeatureCollection or feature array) or already-read stations. */
  constructor(data: unknown, options: { delayMs?: number } = {}) {
    this.#data = data;
    this.#delayMs = options.delayMs ?? 0;
  }

  async load(signal?: AbortSignal): Promise<StationCollection> {
    if (this.#delayMs) await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
    if (signal?.aborted) throw new ApiError(0, 'ABORTED');
    this.#collection ??= isStations(this.#data) ? { stations: this.#data, skipped: 0 } : collect(this.#data);
    return this.#collection;
  }
}

function isStations(data: unknown): data is Station[] {
  return Array.isArray(data) && data.length > 0 && typeof (data[0] as Station).mask === 'number';
}

export interface HttpStationSourceOptions {
  /** Keep the last good answer (with its ETag) in IndexedDB for offline use. Default true. */
  cache?: boolean;
}

const PATH = '/stations';

/** The IndexedDB copy, its code (and idb's) loaded only when an HTTP source first reads or writes it. */
const cacheModule = () => import('./cache.js').then((module) => module.stationsCache);
const offlineCopy: ResponseCache = {
  get: async (url) => (await cacheModule()).get(url),
  set: async (url, entry) => (await cacheModule()).set(url, entry),
  clear: async () => (await cacheModule()).clear?.(),
};

/**
 * GET `/stations` (GeoJSON with OSM tags) through core's `HttpClient`: the
 * session's client carries the base URL, the device credential and the
 * timeout; the answer is kept with its ETag and revalidated with
 * `If-None-Match` (a 304 reuses the kept copy). When the API cannot be
 * reached, or fails with 5xx, the last good copy is returned marked
 * `offline`; otherwise the client's `ApiError` (the server's own code and
 * reasons) is thrown.
 */
export class HttpStationSource implements StationSource {
  readonly #client: HttpClient;

  constructor(client: HttpClient, options: HttpStationSourceOptions = {}) {
    // The same client (credential, timeout) with the IndexedDB copy: stations are public facts.
    this.#client = options.cache === false ? client.with({ cache: false }) : client.with({ cache: offlineCopy });
  }

  /** The URL read. */
  get url(): string {
    return this.#client.url(PATH);
  }

  async load(signal?: AbortSignal): Promise<StationCollection> {
    const { data, fetchedAt, offline } = await getWithOfflineCopy(this.#client, PATH, { signal, accept: 'application/geo+json, application/json' });
    return collect(data, offline ? { offline, fetchedAt } : { fetchedAt });
  }
}
