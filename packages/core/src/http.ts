import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isSafeUrl } from './converters.js';
import { getLocale } from './localization.js';
import './translations.js';

/** The body every civic-kiosk server error carries (other APIs may send less). */
export interface ErrorBody {
  /** Machine-readable, e.g. `PIN_LOCKED`, `VALIDATION`, `LOAN_LIMIT`. */
  code?: string;
  /** A human reason, in English. */
  message?: string;
  /** The same reason per locale, when the server has it. */
  reasons?: Partial<Record<string, string>>;
  /** How long to wait before trying again (429, 423), when the server says. */
  retryAfterSeconds?: number;
  [extra: string]: unknown;
}

/** Why a request failed, with a reason a visitor can act on in their language. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /**
     * Machine-readable code: the server's own when it sent one; otherwise
     * NETWORK, TIMEOUT, ABORTED, BAD_RESPONSE, or a name for the status
     * (BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, SERVER_ERROR, HTTP_ERROR).
     */
    readonly code: string,
    readonly body: ErrorBody = {},
  ) {
    super(body.message ?? `${code} (${status})`);
  }

  /** True when the request never reached the server, so the kiosk should show "offline". */
  get offline(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }

  /** The server's reasons per locale (empty when it sent none). */
  get reasons(): Partial<Record<string, string>> {
    const reasons = this.body.reasons;
    return reasons && typeof reasons === 'object' ? reasons : {};
  }

  /** Seconds to wait before trying again: the body's `retryAfterSeconds`, else the `Retry-After` header. */
  get retryAfterSeconds(): number | undefined {
    const seconds = this.body.retryAfterSeconds;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
  }

  /** The reason in the active locale: the server's own words when it sent them. */
  get reason(): string {
    const locale = getLocale();
    return (
      this.reasons[locale] ??
      waitReason(this.code, this.status, this.retryAfterSeconds) ??
      codeReason(this.code) ??
      (locale === 'en' && this.body.message ? this.body.message : statusReason(this.status))
    );
  }
}

/** A 429 that says how long to wait, in the kiosk's own words. */
function waitReason(code: string, status: number, seconds: number | undefined): string | undefined {
  if (seconds === undefined || (status !== 429 && code !== 'RATE_LIMITED')) return undefined;
  return msg(str`Too many requests from this kiosk. Please wait ${seconds} seconds.`);
}

/** Reasons the kiosk can word itself when a server sends only a code. */
function codeReason(code: string): string | undefined {
  switch (code) {
    case 'NETWORK':
      return msg('The service cannot be reached. Please try again in a moment.');
    case 'TIMEOUT':
      return msg('The service is taking too long to answer. Please try again.');
    case 'BAD_RESPONSE':
      return msg('The service sent an answer this kiosk cannot read.');
    case 'RATE_LIMITED':
      return msg('Too many requests from this kiosk. Please wait a moment.');
    case 'UNAUTHORIZED':
      return msg('Please sign in again.');
    case 'PIN_LOCKED':
      return msg('Too many wrong PINs. This account is locked for 15 minutes.');
    case 'NOT_FOUND':
      return msg('Not found.');
  }
  return undefined;
}

function statusReason(status: number): string {
  if (status === 401 || status === 403) return msg('Please sign in again.');
  if (status === 404) return msg('Not found.');
  if (status === 429) return msg('Too many requests from this kiosk. Please wait a moment.');
  if (status >= 500) return msg(str`The service had a problem (error ${status}). Please try again later.`);
  return msg(str`The request was refused (error ${status}).`);
}

/** A code for a status, for servers (proxies, other APIs) that send none: never `HTTP_500`. */
export function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
  }
  return status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR';
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** One key per user intent: reuse it when retrying the same intent. Generated for writes when absent. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Aborts the request, e.g. from {@link AbortOnDisconnectController}. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
  /**
   * `no-store`: neither send `If-None-Match` nor keep the answer, here or in the
   * browser's HTTP cache. GETs are revalidated with their ETag by default, except
   * requests that carry `Authorization` (personal data is never kept, by the
   * client or by the browser).
   */
  cache?: 'default' | 'no-store';
  /** Overrides `Accept` (default `application/json`). */
  accept?: string;
}

/** A GET answer kept for revalidation with `If-None-Match`. */
export interface CachedResponse {
  etag: string;
  body: unknown;
  /** ISO time the body was received. */
  fetchedAt: string;
}

/**
 * Where ETag'd answers are kept. The default is memory; a source may pass a
 * persistent one (e.g. IndexedDB) to keep public data for offline use.
 * Never pass a persistent cache for personal data.
 */
export interface ResponseCache {
  get(url: string): CachedResponse | undefined | Promise<CachedResponse | undefined>;
  set(url: string, entry: CachedResponse): void | Promise<void>;
  clear?(): void | Promise<void>;
}

/** The default {@link ResponseCache}: a Map, gone with the page. */
export class MemoryResponseCache implements ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  get(url: string): CachedResponse | undefined {
    return this.#entries.get(url);
  }
  set(url: string, entry: CachedResponse): void {
    this.#entries.set(url, entry);
  }
  clear(): void {
    this.#entries.clear();
  }
}

/** A successful answer with what the client learnt about it. */
export interface HttpResult<T> {
  data: T;
  status: number;
  /** The answer's ETag, if any. */
  etag: string | undefined;
  /** True when the server answered 304 and `data` is the cached body. */
  notModified: boolean;
  /** When `data` was received from the server (the cached time on a 304). */
  fetchedAt: string;
  url: string;
}

/** The header that carries the kiosk's device credential. */
export const DEVICE_CREDENTIAL_HEADER = 'X-Device-Key';

export interface HttpClientOptions {
  /** Base URL; paths are appended to it. */
  baseUrl: string;
  /** Milliseconds before a request gives up with TIMEOUT. Default 10 000. */
  timeoutMs?: number;
  /**
   * This kiosk's device credential, sent as `X-Device-Key` on every request.
   * Held by the client only: components never take it as an attribute.
   */
  deviceCredential?: string;
  /** More headers on every request. */
  headers?: Record<string, string>;
  /** Where ETag'd GET answers are kept; `false` for none. Default: memory. */
  cache?: ResponseCache | false;
  fetch?: typeof fetch;
}

/** A fresh key for one user intent (a tap on "borrow", a ballot). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * The HTTP helper every service source uses: JSON in and out, a timeout,
 * abort, the device credential on every request, an `Idempotency-Key` on
 * writes, ETag revalidation of GETs, and server errors as {@link ApiError}.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #headers: Record<string, string>;
  readonly #cache: ResponseCache | undefined;
  readonly #fetch: typeof fetch;
  readonly #options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#headers = { ...options.headers };
    if (options.deviceCredential) this.#headers[DEVICE_CREDENTIAL_HEADER] = options.deviceCredential;
    this.#cache = options.cache === false ? undefined : (options.cache ?? new MemoryResponseCache());
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Whether requests carry a device credential (the credential itself is not readable). */
  get hasDeviceCredential(): boolean {
    return DEVICE_CREDENTIAL_HEADER in this.#headers;
  }

  /** The full URL of `path`. */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /**
   * The same client (credential, timeout, fetch) with other options, e.g. a
   * resident's bearer token for one signed-in session. It shares no cache.
   */
  with(options: Partial<HttpClientOptions>): HttpClient {
    return new HttpClient({
      ...this.#options,
      ...options,
      headers: { ...this.#options.headers, ...options.headers },
      cache: options.cache ?? false,
    });
  }

  /** The cached answer for `path`, e.g. to show the last good copy when offline. */
  async cached(path: string): Promise<CachedResponse | undefined> {
    return this.#cache?.get(this.url(path));
  }

  /** Forgets every cached answer. */
  async clearCache(): Promise<void> {
    await this.#cache?.clear?.();
  }

  get<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'GET' });
  }

  post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'POST', body });
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>(path, options)).data;
  }

  /** A request with the full result: status, ETag, whether it was a 304. */
  async send<T>(path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const method = options.method ?? 'GET';
    const url = this.url(path);
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...this.#headers, ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
    // Like a shared HTTP cache (RFC 9111 3.5): nothing sent with credentials of a person is kept —
    // neither here nor in the browser's own HTTP cache (fetch `cache: 'no-store'`), whatever the server says.
    const personal = options.cache === 'no-store' || hasHeader(headers, 'Authorization');
    const cache = method === 'GET' && !personal ? this.#cache : undefined;
    const cached = cache ? await cache.get(url) : undefined;
    if (cached) headers['If-None-Match'] = cached.etag;

    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    if (options.signal?.aborted) throw new ApiError(0, 'ABORTED');
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
        ...(personal ? { cache: 'no-store' as const } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new ApiError(0, 'ABORTED');
      if (timeout.aborted) throw new ApiError(0, 'TIMEOUT');
      throw new ApiError(0, 'NETWORK', { message: String(error) });
    }
    if (response.status === 304 && cached) {
      return { data: cached.body as T, status: 304, etag: cached.etag, notModified: true, fetchedAt: cached.fetchedAt, url };
    }
    const data = await readBody<T>(response);
    const etag = response.headers.get('ETag') ?? undefined;
    const fetchedAt = new Date().toISOString();
    if (cache && etag) await cache.set(url, { etag, body: data, fetchedAt });
    return { data, status: response.status, etag, notModified: false, fetchedAt, url };
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}

async function readBody<T>(response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', { message: text.slice(0, 200) });
      parsed = undefined;
    }
  }
  if (response.ok) return parsed as T;
  const body = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...parsed } : {}) as ErrorBody;
  if (body.retryAfterSeconds === undefined) {
    const header = parseRetryAfter(response.headers.get('Retry-After'));
    if (header !== undefined) body.retryAfterSeconds = header;
  }
  const code = typeof body.code === 'string' && body.code ? body.code : statusCode(response.status);
  throw new ApiError(response.status, code, body);
}

/** A public answer, or the last good copy of it when the server cannot answer. */
export interface OfflineCapableResult<T> extends HttpResult<T> {
  /** True when `data` is the kept copy because the server could not be reached or failed (5xx). */
  offline: boolean;
  /** Why the fresh answer failed, when `offline`. */
  error?: ApiError;
}

/**
 * GET `path` for public data a kiosk should still show offline (stations, a
 * catalogue): revalidated with its ETag, and when the server cannot be
 * reached or fails with 5xx, the last good copy from the client's cache,
 * marked `offline`. Throws when there is no copy, or for a 4xx (the server's
 * own answer, e.g. a bad request, is never hidden). Give the client a
 * persistent `ResponseCache` (IndexedDB) to keep the copy across reloads.
 */
export async function getWithOfflineCopy<T>(
  client: HttpClient,
  path: string,
  options: Omit<RequestOptions, 'method' | 'body' | 'cache'> = {},
): Promise<OfflineCapableResult<T>> {
  try {
    return { ...(await client.send<T>(path, { ...options, method: 'GET' })), offline: false };
  } catch (error) {
    if (!(error instanceof ApiError) || !(error.offline || error.status >= 500)) throw error;
    const copy = await client.cached(path);
    if (!copy) throw error;
    return { data: copy.body as T, status: 0, etag: copy.etag, notModified: false, fetchedAt: copy.fetchedAt, url: client.url(path), offline: true, error };
  }
}

/**
 * An AbortSignal tied to the host's connection: aborted when the element
 * leaves the page, renewed when it comes back. Pass `signal` to requests.
 */
export class AbortOnDisconnectController implements ReactiveController {
  #controller = new AbortController();
  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }
  get signal(): AbortSignal {
    return this.#controller.signal;
  }
  hostConnected(): void {
    if (this.#controller.signal.aborted) this.#controller = new AbortController();
  }
  hostDisconnected(): void {
    this.#controller.abort();
  }
}

/** Whether `api` can be a base URL: an http(s) URL or a path. */
export function isSafeApi(api: unknown): api is string {
  return isSafeUrl(api);
}
