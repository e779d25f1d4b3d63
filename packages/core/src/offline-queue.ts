/**
 * Writes kept while the network is down (issue 14 item 6, CONTRACT B): a book
 * returned at the kiosk while the library cannot be reached is saved in
 * IndexedDB, survives a reload, and is sent once the network is back — with
 * the Idempotency-Key it was given when it was scanned, so the server applies
 * it exactly once however often it arrives.
 *
 * Its own entry (`@civic-kiosk/core/offline-queue.js`), loaded on demand: idb
 * and this code stay out of the initial JavaScript of every page.
 *
 * Only writes that need no signed-in visitor belong here: an entry has no
 * headers (so no token), and a body naming a token, PIN, card or password is
 * refused. The flushing client carries the kiosk's device credential only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, newIdempotencyKey, type HttpClient } from './http.js';

/** What to tell the visitor about an entry: a text, or one per locale (a book's title, never a person). */
export type QueueLabel = string | Partial<Record<string, string>>;

export interface QueuedWrite {
  id: string;
  /** Sent as `Idempotency-Key` on every try: the server does the write once. */
  idempotencyKey: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path under the flushing client's base URL, e.g. `/library/checkin`. */
  url: string;
  body?: unknown;
  label: QueueLabel;
  /** ISO time it was queued. */
  createdAt: string;
  /** Tries that failed so far (network errors, 5xx). */
  attempts: number;
  /** Not tried again before this time (ms since the epoch), except when the network comes back. */
  nextAttemptAt?: number;
}

export type NewQueuedWrite = Pick<QueuedWrite, 'method' | 'url' | 'label'> & Partial<Pick<QueuedWrite, 'body' | 'idempotencyKey'>>;

/** `sent`: answered 2xx. `refused`: a definite 4xx (e.g. the book was already checked in at the desk); the entry is dropped either way. */
export interface QueueOutcomeDetail {
  entry: QueuedWrite;
  status: number;
  /** The server's answer on `sent`. */
  data?: unknown;
  /** The server's refusal on `refused`. */
  error?: ApiError;
}

export interface QueueChangeDetail {
  count: number;
}

export const QUEUE_SENT_EVENT = 'sent';
export const QUEUE_REFUSED_EVENT = 'refused';
export const QUEUE_CHANGE_EVENT = 'change';

export interface WriteQueueOptions {
  /** IndexedDB database (and lock) name. Default `ck-write-queue`. */
  name?: string;
  /** First wait after a failed try, ms; doubled per try up to `maxDelayMs`. Default 5 000. */
  baseDelayMs?: number;
  /** Default 300 000 (5 min). */
  maxDelayMs?: number;
  /** How often a started queue looks for entries due again, ms. Default 15 000. */
  retryIntervalMs?: number;
  now?: () => number;
}

interface QueueSchema extends DBSchema {
  writes: { key: string; value: QueuedWrite };
}

const STORE = 'writes';
const PERSONAL = /token|pin|card|password|secret|authorization|patron/i;

/**
 * Whether a refusal is the server's final word on this write. Not final: the
 * kiosk's own credential was refused (401/403: it may be enrolled again), a
 * timeout or throttling (408, 425, 429), a lock (423), and the same key still
 * in progress elsewhere (409 IN_PROGRESS); those entries stay.
 */
export function isDefiniteRefusal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return false;
  if ([401, 403, 408, 423, 425, 429].includes(error.status)) return false;
  return error.code !== 'IN_PROGRESS';
}

/** The wait before try number `attempts + 1`: exponential with ±25 % jitter, so many kiosks do not come back in step. */
export function backoffMs(attempts: number, base: number, max: number, random = Math.random): number {
  const plain = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.75 + random() * 0.5));
}

/** The label in `locale`, else English, else any text it has. */
export function queueLabelIn(label: QueueLabel, locale: string): string {
  if (typeof label === 'string') return label;
  return label[locale] ?? label['en'] ?? Object.values(label).find((t) => !!t) ?? '';
}

function refusePersonal(body: unknown): void {
  if (!body || typeof body !== 'object') return;
  for (const key of Object.keys(body)) {
    if (PERSONAL.test(key)) throw new TypeError(`civic-kiosk: "${key}" is personal and is never kept in the offline queue.`);
  }
}

export class WriteQueue extends EventTarget {
  readonly name: string;
  readonly #options: Required<Omit<WriteQueueOptions, 'name'>>;
  #db: Promise<IDBPDatabase<QueueSchema>> | undefined;
  /** This instance's flush in progress: a second call waits for it and then looks again. */
  #flushing: Promise<FlushResult> | undefined;
  #again = false;
  #client: HttpClient | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: WriteQueueOptions = {}) {
    super();
    this.name = options.name ?? 'ck-write-queue';
    this.#options = {
      baseDelayMs: options.baseDelayMs ?? 5_000,
      maxDelayMs: options.maxDelayMs ?? 300_000,
      retryIntervalMs: options.retryIntervalMs ?? 15_000,
      now: options.now ?? Date.now,
    };
  }

  #open(): Promise<IDBPDatabase<QueueSchema>> {
    return (this.#db ??= openDB<QueueSchema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'id' });
      },
      // Another page wants a newer version (an updated app): let it, and open again on the next call.
      blocking: () => this.close(),
    }));
  }

  /** Closes the database connection (the entries stay); the next call opens it again. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    void db?.then((d) => d.close()).catch(() => undefined);
  }

  /** Keeps a write until it can be sent. Its idempotency key is the caller's (the visitor's intent) or a new one. */
  async add(write: NewQueuedWrite): Promise<QueuedWrite> {
    refusePersonal(write.body);
    if (!write.url.startsWith('/')) throw new TypeError('civic-kiosk: a queued write names a path under the API, e.g. /library/checkin.');
    const entry: QueuedWrite = {
      id: this.#nextId(),
      idempotencyKey: write.idempotencyKey ?? newIdempotencyKey(),
      method: write.method,
      url: write.url,
      ...(write.body === undefined ? {} : { body: write.body }),
      label: write.label,
      createdAt: new Date(this.#options.now()).toISOString(),
      attempts: 0,
    };
    await (await this.#open()).put(STORE, entry);
    await this.#changed();
    return entry;
  }

  /** Ids sort in the order entries were added (time, then a counter; random last, for other tabs): the store's key order is the queue's. */
  #seq = 0;
  #nextId(): string {
    const time = this.#options.now().toString(36).padStart(10, '0');
    return `${time}-${(this.#seq++ % 1e6).toString(36).padStart(4, '0')}-${newIdempotencyKey().slice(0, 8)}`;
  }

  /** Every entry, oldest first. */
  async list(): Promise<QueuedWrite[]> {
    return (await this.#open()).getAll(STORE);
  }

  /** Forgets every entry (staff, tests). */
  async clear(): Promise<void> {
    await (await this.#open()).clear(STORE);
    await this.#changed();
  }

  async count(): Promise<number> {
    return (await this.#open()).count(STORE);
  }

  /**
   * Sends what is due (everything when `force`, e.g. the network just came
   * back), oldest first, each with its own key. Removes an entry after a 2xx or
   * a definite 4xx; keeps it, with a later `nextAttemptAt`, after a network
   * error or a 5xx, and stops at the first network error (the rest would fail
   * the same way). One flush at a time per origin (Web Locks: other tabs and
   * other instances wait), so no entry is ever in flight twice.
   */
  flush(client: HttpClient | undefined = this.#client, { force = false } = {}): Promise<FlushResult> {
    if (!client) return Promise.resolve({ sent: 0, refused: 0, kept: 0 });
    if (this.#flushing) {
      this.#again ||= force;
      return this.#flushing.catch(() => undefined).then(() => this.flush(client, { force: this.#takeAgain() }));
    }
    const run = this.#locked(() => this.#flushNow(client, force)).finally(() => {
      this.#flushing = undefined;
    });
    this.#flushing = run;
    return run;
  }

  #takeAgain(): boolean {
    const again = this.#again;
    this.#again = false;
    return again;
  }

  #locked<T>(work: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    // Without Web Locks (not in any browser a kiosk runs), only this instance's own flushes are kept apart.
    return locks ? (locks.request(`${this.name}:flush`, { mode: 'exclusive' }, work) as Promise<T>) : work();
  }

  async #flushNow(client: HttpClient, force: boolean): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, refused: 0, kept: 0 };
    const db = await this.#open();
    // Read inside the lock: whatever another tab sent before we got it is gone from the store already.
    const entries = await db.getAll(STORE);
    const now = this.#options.now();
    let offline = false;
    for (const entry of entries) {
      if (offline || (!force && (entry.nextAttemptAt ?? 0) > now)) {
        result.kept++;
        continue;
      }
      try {
        const answer = await client.send(entry.url, { method: entry.method, body: entry.body, idempotencyKey: entry.idempotencyKey, cache: 'no-store' });
        await db.delete(STORE, entry.id);
        result.sent++;
        this.#emit(QUEUE_SENT_EVENT, { entry, status: answer.status, data: answer.data });
      } catch (error) {
        if (isDefiniteRefusal(error)) {
          await db.delete(STORE, entry.id);
          result.refused++;
          this.#emit(QUEUE_REFUSED_EVENT, { entry, status: error.status, error });
          continue;
        }
        const attempts = entry.attempts + 1;
        const wait = error instanceof ApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoffMs(attempts, this.#options.baseDelayMs, this.#options.maxDelayMs);
        await db.put(STORE, { ...entry, attempts, nextAttemptAt: this.#options.now() + wait });
        result.kept++;
        offline = error instanceof ApiError && error.offline;
      }
    }
    if (result.sent || result.refused) await this.#changed();
    return result;
  }

  /** Sends with `client` when the network comes back, every `retryIntervalMs` for what is due, and once now. */
  start(client: HttpClient): void {
    this.#client = client;
    if (this.#timer !== undefined) return;
    globalThis.addEventListener?.('online', this.#onOnline);
    this.#timer = setInterval(() => void this.flush().catch(() => undefined), this.#options.retryIntervalMs);
    void this.flush().catch(() => undefined);
  }

  get started(): boolean {
    return this.#timer !== undefined;
  }

  stop(): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #onOnline = () => void this.flush(undefined, { force: true }).catch(() => undefined);

  async #changed(): Promise<void> {
    this.#emit(QUEUE_CHANGE_EVENT, { count: await this.count() });
  }

  #emit(type: string, detail: QueueOutcomeDetail | QueueChangeDetail): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

export interface FlushResult {
  sent: number;
  refused: number;
  /** Still queued (failed again, or not due yet). */
  kept: number;
}

const shared = new Map<string, WriteQueue>();

/**
 * The page's queue of this name: one instance per page, so the element that
 * queued a return hears that it was sent even when the kiosk app flushed it.
 */
export function writeQueue(options: WriteQueueOptions = {}): WriteQueue {
  const name = options.name ?? 'ck-write-queue';
  let queue = shared.get(name);
  if (!queue) shared.set(name, (queue = new WriteQueue(options)));
  return queue;
}
