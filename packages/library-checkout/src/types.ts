/**
 * The library API's answers as this element reads them (CONTRACT C, "Library
 * API v2"), and the source interface any backend implements: the HTTP source
 * for our server (own catalogue or its SIP2 gateway) and the in-memory fake of
 * the stories and tests.
 */

/** A text in both kiosk languages, as the server sends titles. */
export interface Localized {
  'zh-CN': string;
  en: string;
}

export interface ItemView {
  barcode: string;
  isbn: string;
  title: Localized;
  author: string;
  callNumber: string;
  loanable: boolean;
}

export interface LibraryStatus {
  backend: 'catalogue' | 'sip2';
  online: boolean;
  /** Whether a card scan alone signs a patron in (site policy); else the PIN is asked for. */
  scanAloneSignin: boolean;
  /**
   * Whether this page is an enrolled kiosk. `false` (a website embedding the element, with no device
   * credential): sign-in, returns and loans are for the library's kiosks, so only the catalogue is offered.
   * Missing means true (older servers, other sources).
   */
  kiosk?: boolean;
}

export interface SigninAnswer {
  token: string;
  expiresAt: string;
  sessionId: string;
  patron: { id: string; name: string; expiresOn: string };
}

export interface CheckoutAnswer extends ItemView {
  dueAt: string;
  checkedOutAt: string;
  /** The same patron scanned an item they already have: the existing loan, never a second one. */
  alreadyYours?: boolean;
}

export interface CheckinAnswer extends ItemView {
  returnedAt: string;
  fineCents: number;
  heldForNextReader: boolean;
  /** Where the item goes when someone is waiting for it. */
  holdShelf?: { bin: string } | null;
}

export interface RenewAnswer extends ItemView {
  dueAt: string;
  renewals: number;
  /** Late days turned into a fine when the library renews overdue loans for a charge (policy `charge`). */
  fineCents?: number;
}

export interface RenewAllAnswer {
  results: { barcode: string; title: Localized; ok: boolean; dueAt?: string; code?: string; reasons?: Partial<Localized> }[];
}

export interface HoldAnswer extends ItemView {
  placedAt: string;
  position: number;
  holdId?: number;
}

export interface Loan extends ItemView {
  dueAt: string;
  checkedOutAt: string;
  renewals: number;
  overdue: boolean;
}

export interface Hold extends ItemView {
  holdId?: number;
  placedAt: string;
  status: 'waiting' | 'ready';
  position: number;
  /** Shelf deadline of a ready hold. */
  readyUntil?: string | null;
}

export interface Fine {
  id: number;
  amountCents: number;
  reason: string;
  createdAt: string;
}

export interface Account {
  patron: { id: string; name: string; cardNumber: string; expiresOn: string; maxLoans: number };
  loans: Loan[];
  holds: Hold[];
  fines: Fine[];
  finesTotalCents: number;
  fineLimitCents: number;
}

export interface SearchResult {
  isbn: string;
  barcode: string;
  title: Localized;
  author: string;
  copies: number;
  /** Copies on the shelf now (CONTRACT C); absent from older servers. */
  available?: number;
  callNumber?: string;
}

export interface SearchAnswer {
  query: string;
  by: string;
  results: SearchResult[];
}

export type SearchBy = 'any' | 'title' | 'author' | 'isbn' | 'initials';

/** Options of one write: the visitor's intent key (kept for retries) and an abort signal. */
export interface WriteOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** The calls a signed-in patron makes; bound to their token, held only in the personal-data controller. */
export interface PatronSource {
  account(signal?: AbortSignal): Promise<Account>;
  checkout(barcode: string, options: WriteOptions): Promise<CheckoutAnswer>;
  renew(barcode: string, options: WriteOptions): Promise<RenewAnswer>;
  renewAll(options: WriteOptions): Promise<RenewAllAnswer>;
  hold(barcode: string, options: WriteOptions): Promise<HoldAnswer>;
  cancelHold(holdId: number, options: WriteOptions): Promise<void>;
  signOut(): Promise<void>;
}

/** Everything the element asks of a library backend. Errors are core's `ApiError` (code, localized reasons). */
export interface LibrarySource {
  status(signal?: AbortSignal): Promise<LibraryStatus>;
  /** `pin` undefined: a scan-only sign-in (allowed only by site policy; else 422 PIN_REQUIRED). */
  signIn(cardNumber: string, pin: string | undefined, signal?: AbortSignal): Promise<{ answer: SigninAnswer; patron: PatronSource }>;
  checkin(barcode: string, options: WriteOptions): Promise<CheckinAnswer>;
  search(q: string, by: SearchBy, signal?: AbortSignal): Promise<SearchAnswer>;
  /** What an item is (public): shown on a refused row, whose refusal does not say. Optional. */
  item?(barcode: string, signal?: AbortSignal): Promise<ItemView>;
}
