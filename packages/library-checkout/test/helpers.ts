import { ApiError } from '@civic-kiosk/core';
import type { LibraryCheckout } from '../src/library-checkout.js';
import type { DemoLibrary } from '../src/demo.js';
import type { PatronSource } from '../src/types.js';

export const shadow = (el: LibraryCheckout) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: LibraryCheckout, selector: string) => shadow(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: LibraryCheckout, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
export const text = (el: LibraryCheckout) => shadow(el).textContent.replace(/\s+/g, ' ');
export const rows = (el: LibraryCheckout) => $$(el, '[part~="row"]').map((row) => ({ barcode: row.dataset['barcode'], state: row.dataset['state'], text: row.textContent.replace(/\s+/g, ' ').trim() }));

/**
 * A USB scanner: the keys of `code` 4 ms apart, then Enter, where focus is.
 * The keys carry their own time stamps, so a stall of the loaded test machine
 * in the middle of the burst does not turn it into a person's typing.
 */
export function scan(code: string): Promise<void> {
  const target = document.activeElement ?? document.body;
  const start = performance.now();
  [...code, 'Enter'].forEach((key, i) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
    target.dispatchEvent(event);
  });
  return Promise.resolve();
}

/** Taps a `ck-button` (or any element) found in the shadow root. */
export function tap(el: LibraryCheckout, selector: string): void {
  const found = $(el, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  (found.shadowRoot?.querySelector('button') ?? found).click();
}

/** Types digits on the `ck-keypad` of the screen and presses OK. */
export async function keypad(el: LibraryCheckout, digits: string): Promise<void> {
  const pad = $<HTMLElement & { value: string; updateComplete: Promise<unknown> }>(el, 'ck-keypad')!;
  await pad.updateComplete;
  const keys = [...pad.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.digit')];
  for (const digit of digits) keys.find((key) => key.textContent.trim() === digit)!.click();
  await pad.updateComplete;
  pad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

export const until = async (check: () => boolean, what = 'condition', ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Our server's library routes, answered by an in-memory library behind
 * `fetch`: the HTTP source is tested through core's HttpClient (headers,
 * idempotency keys, retries, error bodies) and the library stays out of reach
 * of the element (nothing personal in its properties).
 */
export function serverFetch(library: DemoLibrary, seen: { method: string; path: string; headers: Record<string, string>; body?: unknown }[] = []): typeof fetch {
  const tokens = new Map<string, PatronSource>();
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), location.href);
    const path = url.pathname.replace(/^\/api/, '');
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init.body ? (JSON.parse(init.body as string) as Record<string, string>) : undefined;
    const method = init.method ?? 'GET';
    seen.push({ method, path, headers, body });
    const write = { idempotencyKey: headers['idempotency-key'] ?? '' };
    const patron = () => {
      const found = tokens.get((headers['authorization'] ?? '').replace('Bearer ', ''));
      if (!found) throw new ApiError(401, 'UNAUTHORIZED', { code: 'UNAUTHORIZED' });
      return found;
    };
    const json = (status: number, data: unknown) => new Response(data === undefined ? null : JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
    try {
      if (path === '/library/status') return json(200, await library.status());
      if (path === '/library/signin') {
        const { answer, patron: source } = await library.signIn(body!['cardNumber']!, body!['pin']);
        const token = `tok-${crypto.randomUUID()}`;
        tokens.set(token, source);
        return json(200, { ...answer, token });
      }
      if (path === '/library/search') return json(200, await library.search(url.searchParams.get('q')!, url.searchParams.get('by') as 'any'));
      if (path === '/library/checkin') return json(200, await library.checkin(body!['barcode']!, write));
      if (path === '/library/me') return json(200, await patron().account());
      if (path === '/library/checkout') return json(201, await patron().checkout(body!['barcode']!, write));
      if (path === '/library/renew') return json(200, await patron().renew(body!['barcode']!, write));
      if (path === '/library/renew-all') return json(200, await patron().renewAll(write));
      if (path === '/library/holds' && method === 'POST') return json(201, await patron().hold(body!['barcode']!, write));
      if (path.startsWith('/library/holds/') && method === 'DELETE') return json(204, await patron().cancelHold(Number(path.split('/').pop()), write));
      if (path === '/signout') {
        tokens.delete((headers['authorization'] ?? '').replace('Bearer ', ''));
        return json(204, undefined);
      }
      return json(404, { code: 'NOT_FOUND', message: 'no route' });
    } catch (error) {
      if (error instanceof ApiError && error.offline) throw new TypeError('Failed to fetch');
      if (error instanceof ApiError) return json(error.status, error.body);
      throw error;
    }
  });
}

/** A network that can be cut: while `down`, every request fails as a dropped connection does (nothing reaches the server). `keys`: the Idempotency-Key of every try, cut or not. */
export interface Cuttable {
  fetch: typeof fetch;
  down: boolean;
  keys: { path: string; key: string | undefined }[];
}
export function cuttable(inner: typeof fetch): Cuttable {
  const net: Cuttable = {
    down: false,
    keys: [],
    fetch: (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      net.keys.push({ path: new URL(input instanceof Request ? input.url : input.toString(), location.href).pathname.replace(/^\/api/, ''), key: headers['Idempotency-Key'] });
      return net.down ? Promise.reject(new TypeError('Failed to fetch')) : inner(input, init);
    },
  };
  return net;
}
