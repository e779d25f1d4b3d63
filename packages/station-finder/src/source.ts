import { ApiError } from '@civic-kiosk/core';
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
  /** Milliseconds before giving up. Default 10 000. */
  timeoutMs?: number;
  /**
   * This kiosk's device key, sent as `X-Device-Key`. Our server answers
   * `/stations` without one, but counts its rate limit per key (per address
   * otherwise, which kiosks behind one NAT would share).
   */
  deviceKey?: string;
  /** More request headers. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Keep the last good answer in IndexedDB for offline use. Default true. */
  cache?: boolean;
}

/**
 * GET `${api}/stations` (GeoJSON with OSM tags). Sends `If-None-Match` with
 * the cached ETag; on 304 uses the cached copy. When the API cannot be
 * reached (or fails with 5xx) it answers with the last good copy marked
 * `offline`, and only throws when there is none.
 */
export class HttpStationSource implements StationSource {
  readonly url: string;
  readonly #options: HttpStationSourceOptions;

  constructor(api: string, options: HttpStationSourceOptions = {}) {
    this.url = `${api.replace(/\/+$/, '')}/stations`;
    this.#options = options;
  }

  async load(signal?: AbortSignal): Promise<StationCollection> {
    const useCache = this.#options.cache !== false;
    // IndexedDB code is loaded only by this source (stories and embedders with their own source skip it).
    const cache = useCache ? await import('./cache.js') : undefined;
    const cached = cache ? await cache.readCache(this.url) : undefined;
    if (signal?.aborted) throw new ApiError(0, 'ABORTED');
    let response: Response;
    try {
      response = await this.#fetch(cached?.etag, signal);
    } catch (error) {
      if (signal?.aborted) throw new ApiError(0, 'ABORTED');
      const failure = error instanceof ApiError ? error : new ApiError(0, 'NETWORK', { message: String(error) });
      if (cached) return collect(cached.data, { offline: true, fetchedAt: cached.fetchedAt });
      throw failure;
    }
    if (response.status === 304 && cached) return collect(cached.data, { fetchedAt: cached.fetchedAt });
    if (!response.ok) {
      if (response.status >= 500 && cached) return collect(cached.data, { offline: true, fetchedAt: cached.fetchedAt });
      throw new ApiError(response.status, `HTTP_${response.status}`);
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      throw new ApiError(response.status, 'BAD_RESPONSE');
    }
    const fetchedAt = new Date().toISOString();
    if (cache) await cache.writeCache({ url: this.url, etag: response.headers.get('ETag') ?? undefined, data, fetchedAt });
    return collect(data, { fetchedAt });
  }

  async #fetch(etag: string | undefined, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 10_000);
    const headers: Record<string, string> = { Accept: 'application/geo+json, application/json', ...this.#options.headers };
    if (this.#options.deviceKey) headers['X-Device-Key'] = this.#options.deviceKey;
    if (etag) headers['If-None-Match'] = etag;
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      return await doFetch(this.url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) throw new ApiError(0, 'TIMEOUT');
      throw error;
    }
  }
}
