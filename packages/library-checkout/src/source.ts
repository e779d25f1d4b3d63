import { ApiError, type HttpClient } from '@civic-kiosk/core';
import { retryLost } from './retry.js';
import type {
  Account,
  CheckinAnswer,
  CheckoutAnswer,
  HoldAnswer,
  ItemView,
  LibrarySource,
  LibraryStatus,
  PatronSource,
  RenewAllAnswer,
  RenewAnswer,
  SearchAnswer,
  SearchBy,
  SigninAnswer,
  WriteOptions,
} from './types.js';

/** What a server without `GET /library/status` (older than CONTRACT C) means: our catalogue, PIN required. */
export const DEFAULT_STATUS: LibraryStatus = { backend: 'catalogue', online: true, scanAloneSignin: false };

/** The library API of our server (`/api/library/*`), over core's HttpClient (device credential, timeouts, idempotency keys). */
export class HttpLibrarySource implements LibrarySource {
  constructor(readonly client: HttpClient) {}

  async status(signal?: AbortSignal): Promise<LibraryStatus> {
    try {
      const status = await this.client.get<Partial<LibraryStatus>>('/library/status', { signal, cache: 'no-store' });
      return { ...DEFAULT_STATUS, ...status, scanAloneSignin: status?.scanAloneSignin === true };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND') return DEFAULT_STATUS;
      throw error;
    }
  }

  async signIn(cardNumber: string, pin: string | undefined, signal?: AbortSignal) {
    const body = pin === undefined ? { cardNumber } : { cardNumber, pin };
    const answer = await this.client.post<SigninAnswer>('/library/signin', body, { signal });
    // The token goes into a client of its own, never into the element or the page.
    const patron = new HttpPatronSource(this.client.with({ headers: { Authorization: `Bearer ${answer.token}` } }));
    return { answer: { ...answer, token: '' }, patron };
  }

  checkin(barcode: string, options: WriteOptions): Promise<CheckinAnswer> {
    return write(this.client, '/library/checkin', { barcode }, options);
  }

  item(barcode: string, signal?: AbortSignal): Promise<ItemView> {
    return this.client.get<ItemView>(`/library/items/${encodeURIComponent(barcode)}`, { signal });
  }

  search(q: string, by: SearchBy, signal?: AbortSignal): Promise<SearchAnswer> {
    const query = new URLSearchParams({ q, by });
    return this.client.get<SearchAnswer>(`/library/search?${query}`, { signal });
  }
}

/** One signed-in patron's calls; its client carries their token. */
export class HttpPatronSource implements PatronSource {
  constructor(readonly client: HttpClient) {}

  account(signal?: AbortSignal): Promise<Account> {
    return this.client.get<Account>('/library/me', { signal });
  }
  checkout(barcode: string, options: WriteOptions): Promise<CheckoutAnswer> {
    return write(this.client, '/library/checkout', { barcode }, options);
  }
  renew(barcode: string, options: WriteOptions): Promise<RenewAnswer> {
    return write(this.client, '/library/renew', { barcode }, options);
  }
  renewAll(options: WriteOptions): Promise<RenewAllAnswer> {
    return write(this.client, '/library/renew-all', {}, options);
  }
  hold(barcode: string, options: WriteOptions): Promise<HoldAnswer> {
    return write(this.client, '/library/holds', { barcode }, options);
  }
  async cancelHold(holdId: number, options: WriteOptions): Promise<void> {
    await retryLost(() => this.client.request(`/library/holds/${encodeURIComponent(String(holdId))}`, { method: 'DELETE', ...options }), { signal: options.signal });
  }
  async signOut(): Promise<void> {
    // Ends the server session too; the kiosk forgets the token whatever the answer.
    await this.client.post('/signout', undefined).catch(() => undefined);
  }
}

/** A write with the visitor's intent key, retried with that same key when the answer is lost. */
function write<T>(client: HttpClient, path: string, body: unknown, options: WriteOptions): Promise<T> {
  return retryLost(() => client.post<T>(path, body, options), { signal: options.signal });
}
