import type { CachedResponse, ResponseCache } from '@civic-kiosk/core';
import { openDB, type IDBPDatabase } from 'idb';

/**
 * The last good answer of a stations API, kept in IndexedDB so a kiosk that
 * loses its connection still shows stations. Stations are public facts, not
 * personal data, so keeping them is right (and nothing else goes here).
 */
export interface CachedStations {
  url: string;
  etag?: string;
  /** The API's JSON as it came. */
  data: unknown;
  fetchedAt: string;
}

const DB_NAME = 'ck-station-finder';
const STORE = 'responses';
let db: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'url' });
    },
  });
  return db;
}

export async function readCache(url: string): Promise<CachedStations | undefined> {
  try {
    return (await (await open()).get(STORE, url)) as CachedStations | undefined;
  } catch {
    return undefined;
  }
}

export async function writeCache(entry: CachedStations): Promise<void> {
  try {
    await (await open()).put(STORE, entry);
  } catch {
    // No IndexedDB (private window, quota): the kiosk works, only without an offline copy.
  }
}

export async function clearCache(): Promise<void> {
  try {
    await (await open()).clear(STORE);
  } catch {
    // Nothing to clear.
  }
}

/**
 * The IndexedDB copy as core's `ResponseCache`: `HttpClient` keeps each
 * ETag'd answer of the stations API here, revalidates it with `If-None-Match`
 * and the source reads it back when the API cannot be reached.
 */
export const stationsCache: ResponseCache = {
  async get(url: string): Promise<CachedResponse | undefined> {
    const entry = await readCache(url);
    return entry?.etag ? { etag: entry.etag, body: entry.data, fetchedAt: entry.fetchedAt } : undefined;
  },
  set(url: string, entry: CachedResponse): Promise<void> {
    return writeCache({ url, etag: entry.etag, data: entry.body, fetchedAt: entry.fetchedAt });
  },
  clear: clearCache,
};
