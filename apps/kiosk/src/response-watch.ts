// What the shell learns from every answer the server gives any service: the session's HTTP client is
// built on this fetch, so the shell hears of a revoked credential, a server error or a throttle
// whichever service met it, without the services knowing about the shell. Bodies are read from a
// clone and only for their error `code` and wait: never a visitor's data.

/** What the shell is told about one answer. */
export type ResponseSignal =
  /** The server refused this kiosk's credential: it was revoked (staff, /ops or device:revoke). */
  | { kind: 'revoked' }
  /** The server failed (5xx) on a request of a service. */
  | { kind: 'server-error'; status: number; path: string }
  /** A device-wide wait (RATE_LIMITED, DEVICE_THROTTLED): how many seconds, when the server said. */
  | { kind: 'wait'; code: string; seconds: number | undefined; path: string }
  /** A good answer (2xx, 3xx): a service works again. */
  | { kind: 'ok'; path: string };

export interface ResponseWatch {
  /** Every signal, in order. */
  signal(signal: ResponseSignal): void;
  /** The answer's `Date` header and when it arrived, for the server clock. */
  date?(header: string | null, receivedAtMs: number): void;
}

/** Waits that hold for the whole kiosk, not one card: the shell says them with the official's phone. */
const DEVICE_WAITS = new Set(['RATE_LIMITED', 'DEVICE_THROTTLED']);

/** The error body's code and wait, when it is JSON; nothing otherwise. */
async function errorOf(response: Response): Promise<{ code?: string; retryAfterSeconds?: number }> {
  try {
    const body = (await response.clone().json()) as unknown;
    if (typeof body !== 'object' || body === null) return {};
    const { code, retryAfterSeconds } = body as Record<string, unknown>;
    return {
      code: typeof code === 'string' ? code : undefined,
      retryAfterSeconds: typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : undefined,
    };
  } catch {
    return {};
  }
}

function pathOf(input: RequestInfo | URL): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    // Relative URLs against the page; outside a page (tests in Node) against any origin: only the path is kept.
    return new URL(url, globalThis.location?.href ?? 'http://localhost/').pathname;
  } catch {
    return url;
  }
}

/** `fetch`, reporting to `watch` what each answer says about the kiosk. Network failures are passed on untouched. */
export function watchingFetch(watch: ResponseWatch, base?: typeof fetch): typeof fetch {
  return async (input, init) => {
    // The page's fetch at the time of the request (not of the app's start), so a later stub or polyfill is used.
    const response = await (base ?? globalThis.fetch)(input, init);
    const path = pathOf(input);
    watch.date?.(response.headers.get('Date'), Date.now());
    if (response.status < 400) {
      watch.signal({ kind: 'ok', path });
    } else if (response.status === 401) {
      if ((await errorOf(response)).code === 'DEVICE_REVOKED') watch.signal({ kind: 'revoked' });
    } else if (response.status === 429) {
      const { code = 'RATE_LIMITED', retryAfterSeconds } = await errorOf(response);
      const header = Number(response.headers.get('Retry-After'));
      const seconds = retryAfterSeconds ?? (Number.isFinite(header) && header > 0 ? header : undefined);
      if (DEVICE_WAITS.has(code)) watch.signal({ kind: 'wait', code, seconds, path });
    } else if (response.status >= 500) {
      watch.signal({ kind: 'server-error', status: response.status, path });
    }
    return response;
  };
}
