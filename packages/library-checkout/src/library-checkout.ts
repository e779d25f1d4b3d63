import {
  ApiError,
  BarcodeScannerController,
  enforceRules,
  fire,
  KioskElement,
  newIdempotencyKey,
  numberConverter,
  PersonalDataController,
  SessionController,
  urlConverter,
  type WipeReason,
  warnOnce,
} from '@civic-kiosk/core';
import type { QueueOutcomeDetail, QueuedWrite, WriteQueue } from '@civic-kiosk/core/offline-queue.js';
import { Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styles } from './library-checkout.styles.js';
import { blocksCard, describeError, isLibraryOffline, isLost, type Refusal } from './reasons.js';
import { cardPrefixConverter, receiptConverter, RULES, TAG, timeZoneConverter, type ReceiptKind } from './rules.js';
import { cardNumberFrom, readScan } from './scan.js';
import { ScanList, type Row } from './scan-list.js';
import { HttpLibrarySource } from './source.js';
import { pendingRetryDelay, type SentNote } from './offline.js';
import type { Account, CheckinAnswer, CheckoutAnswer, LibrarySource, PatronSource, RenewAllAnswer, SearchAnswer, SearchBy } from './types.js';
import * as views from './views.js';
import './translations.js';

export const CHECKOUT_EVENT = 'ck-checkout';
export const CHECKIN_EVENT = 'ck-checkin';
export const RENEW_EVENT = 'ck-renew';
export const HOLD_EVENT = 'ck-hold';

/** How a scan to borrow ended. No barcode, title or patron: nothing personal. */
export interface CheckoutDetail {
  outcome: 'borrowed' | 'already-yours' | 'refused' | 'unconfirmed';
  code?: string;
}
export interface CheckinDetail {
  /** `queued`: the network was down; the return is kept on this kiosk and sent when it is back (then `returned` or `refused` follows). */
  outcome: 'returned' | 'refused' | 'unconfirmed' | 'queued';
  holdShelf: boolean;
  code?: string;
}
export interface RenewDetail {
  renewed: number;
  refused: number;
}
export interface HoldDetail {
  action: 'place' | 'cancel';
  ok: boolean;
  code?: string;
}

declare global {
  interface HTMLElementEventMap {
    [CHECKOUT_EVENT]: CustomEvent<CheckoutDetail>;
    [CHECKIN_EVENT]: CustomEvent<CheckinDetail>;
    [RENEW_EVENT]: CustomEvent<RenewDetail>;
    [HOLD_EVENT]: CustomEvent<HoldDetail>;
  }
}

export type Screen = 'start' | 'card' | 'pin' | 'borrow' | 'return' | 'account' | 'search' | 'receipt';

/** Everything about the visitor now: held only in the personal-data controller, wiped on finish, idle, disconnect and page hide. */
export interface Visit {
  screen: Screen;
  /** The card being signed in with (between the card scan and the PIN). */
  cardNumber?: string;
  patron?: PatronSource;
  name?: string;
  borrow: ScanList<CheckoutAnswer>;
  returns: ScanList<CheckinAnswer>;
  account?: Account;
  renewed: RenewAllAnswer['results'];
  /** A refusal or message on the current screen (sign-in, renew, hold). */
  notice?: { tone: 'error' | 'success' | 'info'; text?: string; refusal?: Refusal };
  busy?: boolean;
}

const emptyVisit = (): Visit => ({ screen: 'start', borrow: new ScanList(), returns: new ScanList(), renewed: [] });
const NO_VISIT = emptyVisit();

/** An answer that is not JSON at all (core's BAD_RESPONSE): `api` points at some web page. */
const isNotTheApi = (error: unknown) => error instanceof ApiError && error.code === 'BAD_RESPONSE';

/**
 * @summary Library self-service: sign in with a card scan (and PIN), borrow by scanning item after item, return without signing in, renew, reserve from the catalogue, see loans, holds and fines, take a receipt.
 * @tagname ck-library-checkout
 * @fires {CustomEvent<CheckoutDetail>} ck-checkout - A scanned item was borrowed, refused or could not be confirmed (no personal data).
 * @fires {CustomEvent<CheckinDetail>} ck-checkin - A scanned item was returned, refused, or queued while offline (and later returned).
 * @fires {CustomEvent<RenewDetail>} ck-renew - The visitor renewed one or all loans.
 * @fires {CustomEvent<HoldDetail>} ck-hold - The visitor placed or cancelled a hold.
 * @csspart screen - The current screen.
 * @csspart rows - The list of scanned items.
 * @csspart row - One scanned item.
 * @csspart cover - The cover placeholder of an item.
 * @csspart actions - The row of big buttons at the bottom of a screen.
 * @csspart notice - A message about the last action.
 * @csspart receipt - The receipt at the end of a visit.
 * @cssproperty --ck-color-accent - Buttons and the highlighted screen title.
 * @cssproperty --ck-color-danger - Refused items and overdue loans (always with words and an icon).
 * @cssproperty --ck-color-success - Borrowed and returned items (always with words and an icon).
 * @cssproperty --ck-touch-target - Minimum size of everything tappable.
 */
export class LibraryCheckout extends KioskElement {
  static override styles = [KioskElement.styles, styles];

  /** Base URL of the API when no session provider gives an HTTP client; ignored when `source` is set. */
  @property({ converter: urlConverter(TAG, 'api', '/api') }) accessor api = '/api';

  /** Any other library backend (the in-memory demo in stories and tests); takes precedence over `api`. */
  @property({ attribute: false }) accessor source: LibrarySource | undefined;

  /** How the patron takes the receipt at the end: `print`, a `qr` code, or `none` (a site setting). */
  @property({ reflect: true, converter: receiptConverter }) accessor receipt: ReceiptKind = 'qr';

  /** The letters printed before the digits of a card number (e.g. `LIB`): typed on the numeric keypad, only the digits are needed. */
  @property({ attribute: 'card-prefix', converter: cardPrefixConverter }) accessor cardPrefix = '';

  /** IANA time zone of the library: due dates are days there. */
  @property({ attribute: 'time-zone', converter: timeZoneConverter }) accessor timeZone = 'Asia/Shanghai';

  /** Shortest label this library prints: a shorter scan is half a code. */
  @property({ type: Number, attribute: 'min-barcode-length', converter: numberConverter(TAG, 'min-barcode-length', 4, { min: 1, max: 32, integer: true }) })
  accessor minBarcodeLength = 4;

  /** The search text submitted (public: a catalogue search is not personal). */
  @state() private accessor query: { q: string; by: SearchBy } | undefined;
  /** A scan that could not be read (garbage, half a code, an ISBN bar). */
  @state() private accessor scanProblem: 'garbage' | 'partial' | 'isbn' | undefined;
  /** Returns kept on this kiosk until the network is back (public: item labels only). */
  @state() private accessor queued: readonly QueuedWrite[] = [];
  /** Queued returns sent since the network came back: told to whoever stands here, forgotten on wipe. */
  @state() private accessor sent: readonly SentNote[] = [];

  #session = new SessionController(this, () => ({ api: this.api }));
  #visit = new PersonalDataController<Visit>(this, { empty: NO_VISIT, onWipe: (reason, previous) => this.#afterWipe(reason, previous) });
  /** The scanner owns each scan: its keys never reach the keypad. @internal */
  protected readonly scanner = new BarcodeScannerController(this, { onScan: (code) => void this.#onScan(code), minLength: 2 });
  /** Whether the library answers, and its sign-in policy. */
  #status = new Task(this, {
    task: ([source], { signal }) => source.status(signal),
    args: () => [this.#source] as const,
  });
  /** Loads the account into the visit (the task itself keeps nothing personal). */
  #account = new Task(this, {
    task: async ([patron, screen], { signal }): Promise<void> => {
      if (!patron || screen !== 'account') return;
      const account = await patron.account(signal);
      if (this.#visit.value.patron === patron) this.#patch({ account });
    },
    args: () => [this.#visit.value.patron, this.#visit.value.screen] as const,
  });
  #search = new Task(this, {
    task: async ([source, query], { signal }): Promise<SearchAnswer | undefined> => (query ? source.search(query.q, query.by, signal) : undefined),
    args: () => [this.#source, this.query] as const,
  });

  /** `<ck-keyboard>` (a separate ui entry) loads with the search screen, not before: signing in and borrowing do not wait for it. */
  #keyboard: Promise<unknown> | undefined;

  get #source(): LibrarySource {
    return this.source ?? (this.#httpSource ??= new HttpLibrarySource(this.#session.client));
  }
  #httpSource: HttpLibrarySource | undefined;
  #sourceClient: unknown;

  /** The screen now (for tests and the kiosk app). */
  get screen(): Screen {
    return this.#visit.value.screen;
  }

  /** Whether a patron is signed in. */
  get signedIn(): boolean {
    return !!this.#visit.value.patron;
  }

  /** Resolves when the library status and the current screen's data are shown. `updateComplete` means rendering only. */
  get taskComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      const pending: Promise<unknown>[] = [this.#status.taskComplete, this.#account.taskComplete, this.#search.taskComplete, this.#keyboard ?? Promise.resolve()];
      await Promise.all(pending.map((p) => p.catch(() => undefined)));
      await this.updateComplete;
    })();
  }

  /** Ends the visit: signs out on the server, forgets everything, back to the first screen. Fires nothing. */
  finish(): void {
    void this.#visit.value.patron?.signOut();
    this.#visit.wipe('sign-out');
  }

  /** Asks the library again (the offline screen's button). */
  retry(): Promise<void> {
    return this.#status.run().catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.screen === 'search') this.#keyboard ??= import('@civic-kiosk/ui/keyboard.js');
    enforceRules(this, changed, RULES);
    // A new session client (the kiosk enrolled again): a new HTTP source.
    const client = this.#session.client;
    if (client !== this.#sourceClient) {
      this.#sourceClient = client;
      this.#httpSource = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // An `api` that answers something other than the library API (a portal's HTML page): the visitor sees the
    // "not answering" screen; the embedder gets one warning naming the attribute and its value (not the answer).
    const error = this.#status.error;
    if (!this.source && !this.#session.provided && isNotTheApi(error)) {
      warnOnce('ck-library-checkout', 'api', this.api, 'answered something that is not the library API (an HTML page?)', 'showing the library as not answering; check the URL of the API');
    }
  }

  #afterWipe(reason: WipeReason, previous: Visit): void {
    // Idle, page hide, leaving the page: the patron's server session ends too, with or without a kiosk shell
    // around the element (finish() already signed out before its own wipe).
    if (reason !== 'sign-out') void previous.patron?.signOut();
    this.query = undefined;
    this.scanProblem = undefined;
    this.sent = [];
    clearTimeout(this.#pendingTimer);
    this.#pendingTries = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    void this.#attachQueue();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    clearTimeout(this.#pendingTimer);
    const queue = this.#attached;
    this.#attached = undefined;
    queue?.removeEventListener('sent', this.#onQueueOutcome);
    queue?.removeEventListener('refused', this.#onQueueOutcome);
    queue?.removeEventListener('change', this.#onQueueChange);
  }

  // ---- offline: queued returns, pending checkouts ---------------------------

  /** The page's write queue (its own chunk, loaded on demand), or undefined where there is none (another source, no IndexedDB). */
  #queue: Promise<WriteQueue | undefined> | undefined;
  #attached: WriteQueue | undefined;

  /** Whether returns can be queued here: our server's HTTP source, and IndexedDB. */
  get #canQueue(): boolean {
    return this.#source instanceof HttpLibrarySource && typeof indexedDB !== 'undefined';
  }

  #loadQueue(): Promise<WriteQueue | undefined> {
    if (!this.#canQueue) return Promise.resolve(undefined);
    return (this.#queue ??= import('@civic-kiosk/core/offline-queue.js').then(
      (m) => m.writeQueue(),
      () => undefined,
    ));
  }

  /** Shows what is queued (after a reload too), hears what gets sent, and sends it when the network is back (also without a kiosk app). */
  async #attachQueue(): Promise<void> {
    const source = this.#source;
    const queue = await this.#loadQueue();
    if (!queue || !this.isConnected || !(source instanceof HttpLibrarySource)) return;
    // The newest session client sends (the kiosk app starts the queue with the same one; a new enrolment replaces it).
    queue.start(source.client);
    if (this.#attached === queue) return;
    this.#attached = queue;
    queue.addEventListener('sent', this.#onQueueOutcome);
    queue.addEventListener('refused', this.#onQueueOutcome);
    queue.addEventListener('change', this.#onQueueChange);
    this.#onQueueChange();
  }

  #onQueueChange = () => {
    void this.#attached
      ?.list()
      .then((entries) => (this.queued = entries.filter((e) => e.url === '/library/checkin')))
      .catch(() => undefined);
  };

  #onQueueOutcome = (event: Event) => {
    const { entry, data, error } = (event as CustomEvent<QueueOutcomeDetail>).detail;
    if (entry.url !== '/library/checkin') return;
    const answer = error ? undefined : (data as CheckinAnswer | undefined);
    const refusal = error ? describeError(error) : undefined;
    const returns = this.#visit.value.returns;
    const row = returns.rows.find((r) => r.idempotencyKey === entry.idempotencyKey);
    if (row) returns.settle(row, refusal ? { state: 'refused', error: refusal } : { state: 'done', answer });
    this.sent = [...this.sent, { label: entry.label, answer, refusal }];
    fire(this, CHECKIN_EVENT, refusal ? { outcome: 'refused', holdShelf: false, code: refusal.code } : { outcome: 'returned', holdShelf: !!(answer?.holdShelf ?? answer?.heldForNextReader) });
    this.requestUpdate();
  };

  /** A return whose answer was lost: kept in the queue with its key, or undefined when there is no queue. */
  async #queueReturn(barcode: string, idempotencyKey: string): Promise<QueuedWrite | undefined> {
    const queue = await this.#loadQueue();
    if (!queue) return undefined;
    // The title when the offline copy of the catalogue has it (a quick look; the barcode otherwise).
    const item = await Promise.race([this.#source.item?.(barcode).catch(() => undefined), new Promise<undefined>((r) => setTimeout(r, 1500))]);
    const entry = await queue.add({ method: 'POST', url: '/library/checkin', body: { barcode }, idempotencyKey, label: item ? { ...item.title } : barcode }).catch(() => undefined);
    void this.#attachQueue();
    this.#onQueueChange();
    return entry;
  }

  /** Checkouts whose answer was lost: asked again, with the same key, when the network is back and after a while. */
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingTries = 0;
  #retrying = false;

  #onOnline = () => {
    void this.#retryPending();
    if (this.#status.status === TaskStatus.ERROR) void this.retry();
  };

  #schedulePending(): void {
    clearTimeout(this.#pendingTimer);
    this.#pendingTimer = setTimeout(() => void this.#retryPending(), pendingRetryDelay(this.#pendingTries++));
  }

  async #retryPending(): Promise<void> {
    const visit = this.#visit.value;
    const patron = visit.patron;
    const pending = visit.borrow.rows.filter((r) => r.state === 'unconfirmed');
    if (!patron || !pending.length || this.#retrying) return;
    this.#retrying = true;
    clearTimeout(this.#pendingTimer);
    let lost = false;
    try {
      for (const row of pending) {
        visit.borrow.settle(row, { state: 'checking' });
        this.requestUpdate();
        try {
          const answer = await patron.checkout(row.barcode, { idempotencyKey: row.idempotencyKey });
          if (this.#visit.value !== visit) return;
          visit.borrow.settle(row, { state: 'done', answer, error: undefined });
          this.#patch({ notice: { tone: 'success', text: views.sentWhenBack(answer.title, this.locale) } });
          fire(this, CHECKOUT_EVENT, { outcome: answer.alreadyYours ? 'already-yours' : 'borrowed' });
        } catch (error) {
          if (this.#visit.value !== visit) return;
          lost = isLost(error);
          visit.borrow.settle(row, { state: lost ? 'unconfirmed' : 'refused', error: describeError(error) });
          if (lost) break;
        }
      }
    } finally {
      this.#retrying = false;
      this.requestUpdate();
    }
    if (lost || visit.borrow.rows.some((r) => r.state === 'unconfirmed')) this.#schedulePending();
    else this.#pendingTries = 0;
  }

  #go(screen: Screen, patch: Partial<Visit> = {}): void {
    const visit = this.#visit.value === NO_VISIT ? emptyVisit() : this.#visit.value;
    this.scanProblem = undefined;
    this.#visit.value = { ...visit, notice: undefined, ...patch, screen };
  }

  #patch(patch: Partial<Visit>): void {
    if (this.#visit.value === NO_VISIT) return;
    this.#visit.value = { ...this.#visit.value, ...patch };
  }

  // ---- scans ------------------------------------------------------------

  async #onScan(raw: string): Promise<void> {
    const screen = this.screen;
    const scan = readScan(raw, { minLength: ['start', 'card', 'pin'].includes(screen) ? 4 : this.minBarcodeLength });
    if (screen === 'search') {
      if (scan.kind === 'isbn') return this.#submitSearch(scan.isbn, 'isbn');
    }
    // On a website (not an enrolled kiosk) a scan can only search: nothing here may sign in or lend.
    if (this.#status.value?.kiosk === false) return;
    if (scan.kind !== 'code') {
      // A book's ISBN bar on the start screen is a visitor trying to borrow: the same advice.
      this.scanProblem = scan.kind;
      return;
    }
    this.scanProblem = undefined;
    switch (screen) {
      case 'start':
      case 'card':
      case 'pin':
      case 'receipt':
        return this.#cardScanned(scan.code);
      case 'return':
        return this.#checkin(scan.code);
      case 'borrow':
      case 'account':
      case 'search':
        if (this.signedIn) {
          if (screen !== 'borrow') this.#go('borrow');
          return this.#checkout(scan.code);
        }
        return this.#cardScanned(scan.code);
    }
  }

  async #cardScanned(cardNumber: string): Promise<void> {
    if (this.signedIn) this.finish();
    const status = this.#status.value;
    if (status?.scanAloneSignin) return this.#signIn(cardNumber, undefined);
    this.#go('pin', { cardNumber });
  }

  async #signIn(cardNumber: string, pin: string | undefined): Promise<void> {
    this.#go(this.screen === 'pin' ? 'pin' : this.screen, { cardNumber, busy: true });
    const visit = this.#visit.value;
    try {
      const { answer, patron } = await this.#source.signIn(cardNumber, pin);
      // Wiped while the answer was on its way (idle, the element left the page): the patron is not let back in.
      if (this.#visit.value !== visit) return void patron.signOut();
      this.#go('borrow', { patron, name: answer.patron.name, cardNumber: undefined, busy: false });
    } catch (error) {
      if (this.#visit.value !== visit) return;
      const refusal = describeError(error);
      if (refusal.code === 'PIN_REQUIRED') this.#go('pin', { cardNumber, busy: false });
      else this.#patch({ busy: false, notice: { tone: 'error', refusal } });
      if (isLibraryOffline(error)) void this.retry();
    }
  }

  async #checkout(barcode: string): Promise<void> {
    const visit = this.#visit.value;
    const patron = visit.patron;
    if (!patron) return;
    const before = visit.borrow.rows.find((r) => r.barcode === barcode && r.state === 'done')?.answer;
    const row = visit.borrow.start(barcode, newIdempotencyKey());
    // The same item still being checked (a double scan): ignored; the server would answer alreadyYours anyway.
    if (!row) return;
    this.requestUpdate();
    try {
      const answer = await patron.checkout(barcode, { idempotencyKey: row.idempotencyKey });
      visit.borrow.settle(row, { state: 'done', answer });
      fire(this, CHECKOUT_EVENT, { outcome: answer.alreadyYours ? 'already-yours' : 'borrowed' });
    } catch (error) {
      const refusal = describeError(error);
      // Servers older than CONTRACT C refuse a second checkout by the same patron (ALREADY_BORROWED) where
      // the contract answers alreadyYours: the item is on the card either way, so the row says so.
      if (refusal.code === 'ALREADY_BORROWED' && before) {
        visit.borrow.settle(row, { state: 'done', answer: { ...before, alreadyYours: true } });
        fire(this, CHECKOUT_EVENT, { outcome: 'already-yours' });
        this.requestUpdate();
        return;
      }
      visit.borrow.settle(row, { state: isLost(error) ? 'unconfirmed' : 'refused', error: refusal });
      fire(this, CHECKOUT_EVENT, { outcome: isLost(error) ? 'unconfirmed' : 'refused', code: refusal.code });
      // Kept in the visit (memory only: it needs the patron's token) and asked again with the same key.
      if (isLost(error)) this.#schedulePending();
      if (isLibraryOffline(error)) void this.retry();
      else if (!isLost(error) && refusal.code !== 'NOT_FOUND') void this.#describe(visit, row);
    }
    this.requestUpdate();
  }

  /** A refused row gets the item's title and author (the refusal does not carry them): the visitor knows which book. */
  async #describe(visit: Visit, row: Row<CheckoutAnswer>): Promise<void> {
    const source = this.#source;
    const item = await source.item?.(row.barcode).catch(() => undefined);
    if (!item || this.#visit.value !== visit) return;
    visit.borrow.settle(row, { item });
    this.requestUpdate();
  }

  async #checkin(barcode: string): Promise<void> {
    const visit = this.#visit.value;
    // Already saved on this kiosk: a second entry (another key) would be sent after the first and refused as
    // "not on loan". The scan only asks the queue to try now.
    if (visit.returns.rows.some((r) => r.barcode === barcode && r.state === 'queued') || this.queued.some((e) => (e.body as { barcode?: string } | undefined)?.barcode === barcode)) {
      void this.#loadQueue().then((queue) => queue?.flush(undefined, { force: true }));
      return;
    }
    const row = visit.returns.start(barcode, newIdempotencyKey());
    if (!row) return;
    this.requestUpdate();
    try {
      const answer = await this.#source.checkin(barcode, { idempotencyKey: row.idempotencyKey });
      visit.returns.settle(row, { state: 'done', answer });
      fire(this, CHECKIN_EVENT, { outcome: 'returned', holdShelf: !!(answer.holdShelf ?? answer.heldForNextReader) });
    } catch (error) {
      const refusal = describeError(error);
      // No answer: a return needs nobody signed in, so it waits in the offline queue with this scan's key.
      if (isLost(error) && (await this.#queueReturn(barcode, row.idempotencyKey))) {
        // Sent already (the network came back while it was being saved): the outcome has settled the row.
        if (visit.returns.rows.find((r) => r.idempotencyKey === row.idempotencyKey)?.state !== 'checking') return;
        visit.returns.settle(row, { state: 'queued', error: undefined });
        fire(this, CHECKIN_EVENT, { outcome: 'queued', holdShelf: false });
        this.requestUpdate();
        return;
      }
      visit.returns.settle(row, { state: isLost(error) ? 'unconfirmed' : 'refused', error: refusal });
      fire(this, CHECKIN_EVENT, { outcome: isLost(error) ? 'unconfirmed' : 'refused', holdShelf: false, code: refusal.code });
      if (isLibraryOffline(error)) void this.retry();
    }
    this.requestUpdate();
  }

  // ---- account actions ----------------------------------------------------

  async #renew(barcode: string | undefined): Promise<void> {
    const patron = this.#visit.value.patron;
    if (!patron || this.#visit.value.busy) return;
    this.#patch({ busy: true, notice: undefined });
    const key = newIdempotencyKey();
    try {
      const results: RenewAllAnswer['results'] = barcode
        ? await patron.renew(barcode, { idempotencyKey: key }).then(
            (a) => {
              if (a.fineCents) this.#patch({ notice: { tone: 'info', text: views.renewedWithFine(a.fineCents) } });
              return [{ barcode, title: a.title, ok: true, dueAt: a.dueAt }];
            },
            (error) => {
              if (isLost(error) || isLibraryOffline(error)) throw error;
              const refusal = describeError(error);
              this.#patch({ notice: { tone: 'error', refusal } });
              return [{ barcode, title: { 'zh-CN': '', en: '' }, ok: false, code: refusal.code }];
            },
          )
        : (await patron.renewAll({ idempotencyKey: key })).results;
      const renewed = results.filter((r) => r.ok);
      const notice = this.#visit.value.notice;
      this.#patch({
        busy: false,
        renewed: [...this.#visit.value.renewed.filter((r) => !renewed.some((n) => n.barcode === r.barcode)), ...renewed],
        notice: notice ?? { tone: renewed.length === results.length ? 'success' : 'info', text: views.renewSummary(renewed.length, results.length - renewed.length) },
      });
      fire(this, RENEW_EVENT, { renewed: renewed.length, refused: results.length - renewed.length });
      await this.#account.run();
    } catch (error) {
      this.#patch({ busy: false, notice: { tone: 'error', refusal: describeError(error), text: isLost(error) ? views.notConfirmed() : undefined } });
    }
  }

  async #hold(action: 'place' | 'cancel', target: string | number): Promise<void> {
    const patron = this.#visit.value.patron;
    if (!patron || this.#visit.value.busy) return;
    this.#patch({ busy: true, notice: undefined });
    const options = { idempotencyKey: newIdempotencyKey() };
    try {
      if (action === 'place') await patron.hold(String(target), options);
      else await patron.cancelHold(Number(target), options);
      this.#patch({ busy: false, notice: { tone: 'success', text: action === 'place' ? views.holdPlaced() : views.holdCancelled() } });
      fire(this, HOLD_EVENT, { action, ok: true });
      if (action === 'place') void this.#search.run();
      else await this.#account.run();
    } catch (error) {
      const refusal = describeError(error);
      this.#patch({ busy: false, notice: { tone: 'error', refusal, text: isLost(error) ? views.notConfirmed() : undefined } });
      fire(this, HOLD_EVENT, { action, ok: false, code: refusal.code });
    }
  }

  #submitSearch(q: string, by: SearchBy = 'any'): void {
    const text = q.trim();
    if (!text) return;
    if (this.screen !== 'search') this.#go('search');
    this.query = { q: text, by };
  }

  #finishVisit = () => {
    const visit = this.#visit.value;
    const takeAway = visit.borrow.done.length + visit.renewed.filter((r) => r.ok).length;
    if (visit.patron && takeAway > 0 && this.receipt !== 'none') {
      void visit.patron.signOut();
      // The receipt is the last thing shown; the token is already gone from the server.
      this.#go('receipt', { patron: undefined });
      if (this.receipt === 'print') void this.updateComplete.then(() => window.print());
      return;
    }
    this.finish();
  };

  override render() {
    const visit = this.#visit.value;
    // No network at all (not the library system down): returns still work, queued on this kiosk.
    const networkDown = this.#status.status === TaskStatus.ERROR && isLost(this.#status.error) && this.#canQueue;
    const status = this.#status.render({
      pending: () => (this.#status.value ? undefined : views.loading()),
      // Not the library API at all (an HTML page at `api`) is as good as no library: the same screen.
      error: (error) => (networkDown ? undefined : isLibraryOffline(error) || (error as { offline?: boolean }).offline || isNotTheApi(error) ? views.offline(() => void this.retry(), error) : undefined),
      complete: (s) => (s.online ? undefined : views.offline(() => void this.retry(), undefined)),
    });
    const blocked = visit.borrow.rows.find((r) => r.state === 'refused' && r.error && blocksCard(r.error.code))?.error;
    const ctx: views.ViewContext = {
      host: this,
      locale: this.locale,
      timeZone: this.timeZone,
      visit,
      scanProblem: this.scanProblem,
      blocked,
      status: this.#status.value,
      account: this.#account,
      search: this.#search,
      query: this.query,
      receipt: this.receipt,
      // A return scanned in this visit is shown as its row; the panel lists the others (other visits, before a reload).
      queued: this.queued.filter((e) => !visit.returns.rows.some((r) => r.idempotencyKey === e.idempotencyKey)),
      sent: this.sent,
      networkDown,
      go: (screen) => {
        if (screen === 'start') this.finish();
        else this.#go(screen);
      },
      submitCard: (typed) => void this.#cardScanned(cardNumberFrom(typed, this.cardPrefix)),
      submitPin: (pin) => void this.#signIn(visit.cardNumber ?? '', pin),
      finish: this.#finishVisit,
      renew: (barcode) => void this.#renew(barcode),
      hold: (action, target) => void this.#hold(action, target),
      searchFor: (q, by) => this.#submitSearch(q, by),
      manualCode: (code) => void this.#onScan(code),
    };
    return html`<section class="library" part="screen" aria-labelledby="screen-title" data-screen=${visit.screen}>
      ${status ?? views.screen(ctx)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-library-checkout': LibraryCheckout;
  }
}
