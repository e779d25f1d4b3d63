import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
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
  [extra: string]: unknown;
}

/** Why a request failed, with a reason a visitor can act on in their language. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Machine-readable code: the server's, or NETWORK, TIMEOUT, ABORTED, BAD_RESPONSE. */
    readonly code: string,
    readonly body: ErrorBody = {},
  ) {
    super(body.message ?? `${code} (${status})`);
  }

  /** True when the request never reached the server, so the kiosk should show "offline". */
  get offline(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }

  /** The reason in the active locale: the server's own words when it sent them. */
  get reason(): string {
    const locale = getLocale();
    return (
      this.body.reasons?.[locale] ??
      codeReason(this.code) ??
      (locale === 'en' && this.body.message ? this.body.message : statusReason(this.status))
    );
  }
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
}

export interface HttpClientOptions {
  /** Base URL; paths are appended to it. */
  baseUrl: string;
  /** Milliseconds before a request gives up with TIMEOUT. Default 10 000. */
  timeoutMs?: number;
  /** Headers on every request, e.g. a device key or a bearer token. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** A fresh key for one user intent (a tap on "borrow", a ballot). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * The HTTP helper every service source uses: JSON in and out, a timeout,
 * abort, an `Idempotency-Key` on writes and server errors as {@link ApiError}.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly headers: Record<string, string>;
  readonly #fetch: typeof fetch;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.headers = options.headers ?? {};
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'GET' });
  }

  post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'POST', body });
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers, ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();

    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw new ApiError(0, 'ABORTED');
      if (timeout.aborted) throw new ApiError(0, 'TIMEOUT');
      throw new ApiError(0, 'NETWORK', { message: String(error) });
    }
    return readBody<T>(response);
  }
}

async function readBody<T>(response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError(response.status, response.ok ? 'BAD_RESPONSE' : `HTTP_${response.status}`, { message: text.slice(0, 200) });
    }
  }
  if (response.ok) return parsed as T;
  const body = (parsed && typeof parsed === 'object' ? parsed : {}) as ErrorBody;
  throw new ApiError(response.status, typeof body.code === 'string' ? body.code : `HTTP_${response.status}`, body);
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
