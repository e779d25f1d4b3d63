/**
 * The screens of <ck-library-checkout>, as render functions of what the
 * element holds. No state here: the element owns the visit and the tasks.
 */
import { formatDate, formatNumber } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import type { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { checkIsbn, looksLikeIsbn } from './isbn.js';
import { coverHue, coverLetter, day, money, titleIn } from './labels.js';
import type { Screen, Visit } from './library-checkout.js';
import { reasonOf, whatToDo, type Refusal } from './reasons.js';
import { receiptText } from './receipt.js';
import type { ReceiptKind } from './rules.js';
import type { QueuedWrite } from '@civic-kiosk/core/offline-queue.js';
import { labelIn, type SentNote } from './offline.js';
import type { Row } from './scan-list.js';
import type { CheckinAnswer, CheckoutAnswer, ItemView, LibraryStatus, Localized, SearchAnswer, SearchBy } from './types.js';

export interface ViewContext {
  host: HTMLElement;
  locale: string;
  timeZone: string;
  visit: Visit;
  scanProblem: 'garbage' | 'partial' | 'isbn' | undefined;
  blocked: Refusal | undefined;
  status: LibraryStatus | undefined;
  account: Task<readonly unknown[], void>;
  search: Task<readonly unknown[], SearchAnswer | undefined>;
  query: { q: string; by: SearchBy } | undefined;
  receipt: ReceiptKind;
  /** Returns waiting for the network that are not rows of this visit. */
  queued: readonly QueuedWrite[];
  /** Queued returns sent since the network came back. */
  sent: readonly SentNote[];
  /** The library cannot be reached at all (no network): returns are queued, borrowing waits. */
  networkDown: boolean;
  go(screen: Screen): void;
  submitCard(typed: string): void;
  submitPin(pin: string): void;
  finish(): void;
  renew(barcode?: string): void;
  hold(action: 'place' | 'cancel', target: string | number): void;
  searchFor(q: string, by?: SearchBy): void;
  manualCode(code: string): void;
}

export const renewSummary = (renewed: number, refused: number) =>
  refused ? msg(str`Renewed ${renewed}; ${refused} could not be renewed (see below).`) : msg(str`Renewed ${renewed}.`);
export const renewedWithFine = (cents: number) => msg(str`Renewed. It was overdue: a fine of ${money(cents)} was added for the late days.`);
export const holdPlaced = () => msg('Reserved. We will keep it for you when it comes back; see "My account".');
export const holdCancelled = () => msg('The hold is cancelled.');
export const sentWhenBack = (title: Localized, locale: string) => msg(str`The network is back: “${titleIn(title, locale)}” is now borrowed (once).`);
export const notConfirmed = () => msg('No answer from the library: this was NOT done. Please try again.');

export function loading(): TemplateResult {
  return html`<ck-status-banner state="loading" reason=${msg('Connecting to the library…')}></ck-status-banner>`;
}

export function offline(retry: () => void, error: unknown): TemplateResult {
  const reason = (error as { reason?: string } | undefined)?.reason;
  return html`<div class="offline" role="alert">
    <h2 id="screen-title" class="title">${msg('The library system is not answering')}</h2>
    <p class="big">${msg('Borrowing, returning and renewing are paused. Nothing was changed: books you scanned before this screen keep what their rows said.')}</p>
    ${reason ? html`<p class="muted">${reason}</p>` : nothing}
    <p>${msg('You can put returned books in the return box; the librarian will check them in.')}</p>
    <div class="actions" part="actions"><ck-button size="large" data-action="retry" @click=${retry}>${msg('Try again')}</ck-button></div>
  </div>`;
}

export function screen(ctx: ViewContext): TemplateResult {
  switch (ctx.visit.screen) {
    case 'start':
      return start(ctx);
    case 'card':
      return cardEntry(ctx);
    case 'pin':
      return pinEntry(ctx);
    case 'borrow':
      return borrow(ctx);
    case 'return':
      return returns(ctx);
    case 'account':
      return account(ctx);
    case 'search':
      return search(ctx);
    case 'receipt':
      return receipt(ctx);
  }
}

function scanProblem(ctx: ViewContext): TemplateResult | typeof nothing {
  const problem = ctx.scanProblem;
  if (!problem) return nothing;
  const text =
    problem === 'isbn'
      ? msg('That is the book’s ISBN bar code. Scan the library label (the sticker with "CK…"), usually inside the cover.')
      : problem === 'partial'
        ? msg('Only part of the code was read. Hold the label flat under the scanner and scan again.')
        : msg('The scanner sent something that is not a library code. Scan again; if it keeps happening, ask the librarian.');
  return html`<p class="notice error" part="notice" role="alert" data-scan-problem=${problem}>${icon('!')} ${text}</p>`;
}

function notice(ctx: ViewContext): TemplateResult | typeof nothing {
  const n = ctx.visit.notice;
  if (!n) return nothing;
  const advice = n.refusal ? whatToDo(n.refusal.code) : '';
  return html`<div class="notice ${n.tone}" part="notice" role=${n.tone === 'error' ? 'alert' : 'status'} data-code=${n.refusal?.code ?? nothing}>
    ${icon(n.tone === 'error' ? '!' : '✓')}
    <div>
      ${n.text ? html`<p>${n.text}</p>` : nothing} ${n.refusal && !n.text ? html`<p>${reasonOf(n.refusal)}</p>` : nothing}
      ${advice ? html`<p class="advice">${advice}</p>` : nothing}
    </div>
  </div>`;
}

const icon = (glyph: string) => html`<span class="icon" aria-hidden="true">${glyph}</span>`;

function header(title: string, ctx: ViewContext, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  return html`<header class="header">
    <h2 id="screen-title" class="title">${title}</h2>
    ${ctx.visit.name && ctx.visit.patron ? html`<p class="who">${msg(str`Signed in: ${ctx.visit.name}`)}</p>` : nothing} ${extra}
  </header>`;
}

function start(ctx: ViewContext): TemplateResult {
  if (ctx.status?.kiosk === false) return catalogueOnly(ctx);
  return html`${header(msg('Library self-service'), ctx)}
    <div class="scan-hint big" role="status">
      <span class="scanner" aria-hidden="true">▮▯▮▮▯▮</span>
      <p>${msg('To borrow, scan your library card under the scanner.')}</p>
    </div>
    ${scanProblem(ctx)} ${notice(ctx)} ${offlineReturns(ctx)}
    <div class="choices" part="actions">
      <ck-button size="large" data-action="card" @click=${() => ctx.go('card')}>${msg('Type my card number')}</ck-button>
      <ck-button size="large" variant="secondary" data-action="return" @click=${() => ctx.go('return')}>${msg('Return books (no card needed)')}</ck-button>
      <ck-button size="large" variant="secondary" data-action="search" @click=${() => ctx.go('search')}>${msg('Search the catalogue')}</ck-button>
    </div>`;
}

/** On a website (no device credential): lending happens at the library's kiosks; the catalogue is open to all. */
function catalogueOnly(ctx: ViewContext): TemplateResult {
  return html`${header(msg('Library catalogue'), ctx)}
    <p class="big" role="status">${msg("Borrowing, returning and your account are at the library's self-service kiosks. Here you can search the catalogue.")}</p>
    <div class="choices" part="actions">
      <ck-button size="large" data-action="search" @click=${() => ctx.go('search')}>${msg('Search the catalogue')}</ck-button>
    </div>`;
}

function cardEntry(ctx: ViewContext): TemplateResult {
  return html`${header(msg('Sign in'), ctx)} ${scanProblem(ctx)} ${notice(ctx)}
    <ck-keypad
      label=${msg('Card number (the digits on your library card)')}
      minlength="4"
      maxlength="20"
      @ck-keypad-submit=${(e: Event) => ctx.submitCard((e.target as HTMLElement & { value: string }).value)}
    ></ck-keypad>
    <div class="actions" part="actions"><ck-button variant="quiet" data-action="back" @click=${() => ctx.go('start')}>${msg('Back')}</ck-button></div>`;
}

function pinEntry(ctx: ViewContext): TemplateResult {
  return html`${header(msg('Enter your PIN'), ctx)}
    <p class="muted">${msg('Card scanned. Enter your PIN to sign in (6 digits unless the library told you otherwise).')}</p>
    ${scanProblem(ctx)} ${notice(ctx)}
    <ck-keypad
      masked
      label=${msg('PIN')}
      minlength="4"
      maxlength="8"
      ?inert=${ctx.visit.busy}
      @ck-keypad-submit=${(e: Event) => ctx.submitPin((e.target as HTMLElement & { value: string }).value)}
    ></ck-keypad>
    ${ctx.visit.busy ? html`<ck-status-banner state="loading" reason=${msg('Signing in…')}></ck-status-banner>` : nothing}
    <div class="actions" part="actions"><ck-button variant="quiet" data-action="back" @click=${() => ctx.go('start')}>${msg('Cancel')}</ck-button></div>`;
}

function cover(item: Pick<ItemView, 'title' | 'isbn'> | undefined): TemplateResult {
  // A class per hue, not a style attribute: inline styles are refused under the kiosk's strict CSP.
  return html`<span class="cover hue-${coverHue(item?.isbn ?? '')}" part="cover" aria-hidden="true">${coverLetter(item?.title)}</span>`;
}

function rowState(row: Row<unknown>): { label: string; tone: string; glyph: string } {
  switch (row.state) {
    case 'checking':
      return { label: msg('Checking…'), tone: 'pending', glyph: '…' };
    case 'done':
      return { label: '', tone: 'ok', glyph: '✓' };
    case 'refused':
      return { label: msg('Not lent'), tone: 'bad', glyph: '✕' };
    case 'unconfirmed':
      return { label: msg('Not done: no answer from the library'), tone: 'bad', glyph: '?' };
    case 'queued':
      return { label: msg('Saved on this kiosk: it will be sent when the network is back.'), tone: 'pending', glyph: '⇅' };
  }
}

function refusalText(error: Refusal | undefined, lost: boolean, askedAgain = false): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const advice = lost
    ? askedAgain
      ? msg('This kiosk asks again by itself when the network is back; it is never lent twice. You can also scan it again.')
      : msg('Scan it again: it is never lent twice.')
    : whatToDo(error.code);
  return html`<p class="reason" data-code=${error.code}>${lost ? msg('The connection was lost before the library answered.') : reasonOf(error)}</p>
    ${advice ? html`<p class="advice">${advice}</p>` : nothing}`;
}

function borrowRow(row: Row<CheckoutAnswer>, ctx: ViewContext): TemplateResult {
  const s = rowState(row);
  const a = row.answer;
  const known = a ?? row.item;
  const status =
    row.state === 'done' && a
      ? html`<p class="due">${a.alreadyYours ? msg('Already on your card') : msg('Borrowed')} · ${msg(str`Due ${day(a.dueAt, ctx.timeZone)}`)}</p>`
      : html`<p class="state">${s.label}</p>`;
  return html`<li class="row ${s.tone}" part="row" data-barcode=${row.barcode} data-state=${row.state}>
    ${cover(known)}
    <div class="text">
      <p class="name">${known ? titleIn(known.title, ctx.locale) : row.barcode}</p>
      ${known ? html`<p class="author">${known.author}</p>` : nothing} ${status} ${refusalText(row.error, row.state === 'unconfirmed', true)}
    </div>
    <span class="badge" aria-hidden="true">${s.glyph}</span>
  </li>`;
}

function returnRow(row: Row<CheckinAnswer>, ctx: ViewContext): TemplateResult {
  const s = rowState(row);
  const a = row.answer;
  const shelf = a?.holdShelf?.bin ?? (a?.heldForNextReader ? '' : undefined);
  return html`<li class="row ${s.tone} ${shelf !== undefined ? 'held' : ''}" part="row" data-barcode=${row.barcode} data-state=${row.state}>
    ${cover(a)}
    <div class="text">
      <p class="name">${a ? titleIn(a.title, ctx.locale) : row.barcode}</p>
      ${a ? html`<p class="author">${a.author}</p>` : nothing}
      ${row.state === 'done'
        ? html`<p class="state">${msg('Returned')}</p>
            ${shelf !== undefined
              ? html`<p class="shelf" data-bin=${shelf}>${shelf ? msg(str`Someone is waiting for it: put it on the hold shelf, bin ${shelf}.`) : msg('Someone is waiting for it: put it on the hold shelf.')}</p>`
              : html`<p class="muted">${msg('Put it in the return box.')}</p>`}
            ${a && a.fineCents > 0 ? html`<p class="fine">${msg(str`It was late: a fine of ${money(a.fineCents)} was added to the card. Pay it at the library desk.`)}</p>` : nothing}`
        : html`<p class="state">${row.state === 'refused' ? msg('Not returned') : s.label}</p>
            ${row.state === 'queued' ? html`<p class="muted">${msg('Put it in the return box. You will see here when it has been sent.')}</p>` : nothing}`}
      ${refusalText(row.error, row.state === 'unconfirmed')}
    </div>
    <span class="badge" aria-hidden="true">${s.glyph}</span>
  </li>`;
}

function manualEntry(ctx: ViewContext, label: string): TemplateResult {
  return html`<details class="manual">
    <summary>${msg('The scanner does not work? Type the number under the bar code')}</summary>
    <ck-keypad label=${label} minlength="4" maxlength="32" @ck-keypad-submit=${(e: Event) => ctx.manualCode(`${(e.target as HTMLElement & { value: string }).value}`)}></ck-keypad>
  </details>`;
}

function borrow(ctx: ViewContext): TemplateResult {
  const rows = ctx.visit.borrow.rows;
  const blocked = ctx.blocked;
  return html`${header(msg('Borrow'), ctx)}
    ${blocked
      ? html`<div class="notice error blocked" part="notice" role="alert" data-code=${blocked.code}>
          ${icon('!')}
          <div><p><strong>${msg('This card cannot borrow now.')}</strong> ${reasonOf(blocked)}</p><p class="advice">${whatToDo(blocked.code)}</p></div>
        </div>`
      : html`<p class="scan-hint" role="status">${rows.length ? msg('Scan the next book, or finish.') : msg('Scan the library label of each book, one after another.')}</p>`}
    ${scanProblem(ctx)} ${notice(ctx)}
    <ol class="rows" part="rows" aria-label=${msg('Books scanned')} aria-live="polite">
      ${rows.map((row) => borrowRow(row, ctx))}
    </ol>
    ${manualEntry(ctx, msg('Item number'))}
    <div class="actions" part="actions">
      <ck-button variant="secondary" data-action="account" @click=${() => ctx.go('account')}>${msg('My account')}</ck-button>
      <ck-button variant="secondary" data-action="search" @click=${() => ctx.go('search')}>${msg('Search')}</ck-button>
      <ck-button size="large" data-action="finish" ?disabled=${ctx.visit.borrow.checking} @click=${ctx.finish}>${msg('Finish')}</ck-button>
    </div>`;
}

function returns(ctx: ViewContext): TemplateResult {
  const rows = ctx.visit.returns.rows;
  return html`${header(msg('Return books'), ctx)}
    <p class="scan-hint" role="status">${msg('Scan each book you bring back. No card needed.')}</p>
    ${scanProblem(ctx)} ${offlineReturns(ctx)}
    <ol class="rows" part="rows" aria-label=${msg('Books returned')} aria-live="polite">
      ${rows.map((row) => returnRow(row, ctx))}
    </ol>
    ${manualEntry(ctx, msg('Item number'))}
    <div class="actions" part="actions">
      <ck-button size="large" data-action="finish" ?disabled=${ctx.visit.returns.checking} @click=${() => ctx.go('start')}>${msg('Done')}</ck-button>
    </div>`;
}

function account(ctx: ViewContext): TemplateResult {
  const a = ctx.visit.account;
  const busy = !!ctx.visit.busy;
  const body = a
    ? html`
        <section aria-labelledby="loans-title">
          <h3 id="loans-title">${msg(str`On loan (${a.loans.length} of ${a.patron.maxLoans})`)}</h3>
          ${a.loans.length
            ? html`<ul class="rows" part="rows">
                  ${a.loans.map(
                    (loan) => html`<li class="row ${loan.overdue ? 'bad overdue' : ''}" part="row" data-barcode=${loan.barcode}>
                      ${cover(loan)}
                      <div class="text">
                        <p class="name">${titleIn(loan.title, ctx.locale)}</p>
                        <p class="due">${loan.overdue ? html`<strong>${icon('!')} ${msg(str`Overdue since ${day(loan.dueAt, ctx.timeZone)}`)}</strong>` : msg(str`Due ${day(loan.dueAt, ctx.timeZone)}`)}</p>
                      </div>
                      <ck-button variant="secondary" data-renew=${loan.barcode} ?disabled=${busy} @click=${() => ctx.renew(loan.barcode)}>${msg('Renew')}</ck-button>
                    </li>`,
                  )}
                </ul>
                <ck-button class="renew-all" data-action="renew-all" ?disabled=${busy} @click=${() => ctx.renew()}>${msg('Renew all')}</ck-button>`
            : html`<p class="muted">${msg('Nothing on loan.')}</p>`}
        </section>
        <section aria-labelledby="holds-title">
          <h3 id="holds-title">${msg('Holds')}</h3>
          ${a.holds.length
            ? html`<ul class="rows" part="rows">
                ${a.holds.map(
                  (hold) => html`<li class="row ${hold.status === 'ready' ? 'ok' : ''}" part="row" data-barcode=${hold.barcode}>
                    ${cover(hold)}
                    <div class="text">
                      <p class="name">${titleIn(hold.title, ctx.locale)}</p>
                      <p class="state">
                        ${hold.status === 'ready'
                          ? hold.readyUntil
                            ? msg(str`Ready to pick up at the desk until ${day(hold.readyUntil, ctx.timeZone)}`)
                            : msg('Ready to pick up at the desk')
                          : msg(str`Waiting: number ${hold.position} in the queue`)}
                      </p>
                    </div>
                    ${hold.holdId !== undefined
                      ? html`<ck-button variant="quiet" data-cancel=${hold.holdId} ?disabled=${busy} @click=${() => ctx.hold('cancel', hold.holdId!)}>${msg('Cancel hold')}</ck-button>`
                      : nothing}
                  </li>`,
                )}
              </ul>`
            : html`<p class="muted">${msg('No holds.')}</p>`}
        </section>
        <section aria-labelledby="fines-title">
          <h3 id="fines-title">${msg('Fines')}</h3>
          ${a.fines.length
            ? html`<ul class="fines">
                  ${a.fines.map((f) => html`<li><span>${f.reason}</span> <strong>${money(f.amountCents)}</strong></li>`)}
                </ul>
                <p class="${a.finesTotalCents > a.fineLimitCents ? 'notice error' : 'muted'}">
                  ${msg(str`Total ${money(a.finesTotalCents)}.`)}
                  ${a.finesTotalCents > a.fineLimitCents
                    ? msg(str`Above the ${money(a.fineLimitCents)} limit: borrowing is paused until you pay at the library desk or to the village librarian.`)
                    : msg('Pay at the library desk or to the village librarian when you can.')}
                </p>`
            : html`<p class="muted">${msg('No fines.')}</p>`}
        </section>
      `
    : ctx.account.render({
        pending: () => html`<ck-status-banner state="loading" reason=${msg('Reading your account…')}></ck-status-banner>`,
        error: (error) => html`<ck-status-banner state="error" reason=${(error as { reason?: string }).reason ?? ''}></ck-status-banner>`,
      });
  return html`${header(msg('My account'), ctx)} ${scanProblem(ctx)} ${notice(ctx)}
    <div class="account">${body}</div>
    <div class="actions" part="actions">
      <ck-button variant="secondary" data-action="borrow" @click=${() => ctx.go('borrow')}>${msg('Borrow more')}</ck-button>
      <ck-button size="large" data-action="finish" @click=${ctx.finish}>${msg('Finish')}</ck-button>
    </div>`;
}

function searchMessage(q: string): string | undefined {
  if (!looksLikeIsbn(q)) return undefined;
  const check = checkIsbn(q);
  if (check.ok) return undefined;
  return check.problem === 'check-digit'
    ? msg('This ISBN is not right: its last digit does not match the others. Check the number on the back of the book.')
    : msg('An ISBN has 10 or 13 digits. Check the number on the back of the book.');
}

function search(ctx: ViewContext): TemplateResult {
  const submit = (value: string) => {
    const text = value.trim();
    if (!text) return;
    if (looksLikeIsbn(text)) {
      const check = checkIsbn(text);
      ctx.searchFor(check.ok ? check.isbn13 : text, 'isbn');
    } else ctx.searchFor(text, /^[a-z]{2,12}$/i.test(text) ? 'any' : 'any');
  };
  const q = ctx.query;
  const invalid = q && q.by === 'isbn' ? searchMessage(q.q) : undefined;
  return html`${header(msg('Search the catalogue'), ctx)}
    <p class="muted">${msg('Type a title, an author, an ISBN, or the first letters of the pinyin of a title (hlm for 红楼梦). You can also scan the ISBN bar code on a book.')}</p>
    <ck-keyboard
      enter-label=${msg('Search')}
      placeholder=${msg('Title, author, ISBN or initials')}
      @ck-keyboard-enter=${(e: CustomEvent<{ value: string }>) => submit(e.detail.value)}
    ></ck-keyboard>
    ${scanProblem(ctx)} ${notice(ctx)}
    ${invalid
      ? html`<p class="notice error" part="notice" role="alert" data-invalid="isbn">${icon('!')} ${invalid}</p>`
      : q
        ? ctx.search.render({
            pending: () => html`<ck-status-banner state="loading" reason=${msg('Searching…')}></ck-status-banner>`,
            error: (error) => html`<ck-status-banner state="error" reason=${(error as { reason?: string }).reason ?? ''}></ck-status-banner>`,
            complete: (answer) => results(answer, ctx),
          })
        : nothing}
    <div class="actions" part="actions">
      <ck-button variant="secondary" data-action="back" @click=${() => ctx.go(ctx.visit.patron ? 'borrow' : 'start')}>${msg('Back')}</ck-button>
    </div>`;
}

function results(answer: SearchAnswer | undefined, ctx: ViewContext): TemplateResult | typeof nothing {
  if (!answer) return nothing;
  if (!answer.results.length) {
    return html`<p class="empty" role="status">${msg(str`Nothing found for "${answer.query}". Try fewer words, the author, or the pinyin initials.`)}</p>`;
  }
  return html`<p class="summary" role="status">${msg(str`Titles found: ${formatNumber(answer.results.length)}`)}</p>
    <ul class="rows results" part="rows">
      ${answer.results.map((r) => {
        const available = r.available;
        const out = available === 0;
        return html`<li class="row" part="row" data-isbn=${r.isbn}>
          ${cover(r)}
          <div class="text">
            <p class="name">${titleIn(r.title, ctx.locale)}</p>
            <p class="author">${r.author}</p>
            <p class="where">
              ${available === undefined
                ? msg(str`${r.copies} copies`)
                : out
                  ? html`<span class="out">${msg('All copies are out')}</span>`
                  : html`<span class="in">${msg(str`${available} of ${r.copies} on the shelf`)}</span>`}
              ${r.callNumber ? html` · <span class="call">${msg(str`Shelf ${r.callNumber}`)}</span>` : nothing}
            </p>
          </div>
          ${out
            ? ctx.visit.patron
              ? html`<ck-button data-hold=${r.barcode} ?disabled=${!!ctx.visit.busy} @click=${() => ctx.hold('place', r.barcode)}>${msg('Reserve')}</ck-button>`
              : html`<span class="muted small">${msg('Sign in to reserve')}</span>`
            : nothing}
        </li>`;
      })}
    </ul>`;
}

function receipt(ctx: ViewContext): TemplateResult {
  const visit = ctx.visit;
  const lines = {
    borrowed: visit.borrow.done.map((r) => ({ title: titleIn(r.answer?.title, ctx.locale), dueOn: day(r.answer?.dueAt, ctx.timeZone) })),
    renewed: visit.renewed.filter((r) => r.ok).map((r) => ({ title: titleIn(r.title, ctx.locale), dueOn: day(r.dueAt, ctx.timeZone) })),
  };
  const text = receiptText(lines, { heading: msg('Library receipt'), borrowed: msg('Borrowed'), renewed: msg('Renewed'), due: msg('due') }, formatDate(Date.now(), { dateStyle: 'medium' }));
  return html`${header(msg('Your receipt'), ctx)}
    <div class="receipt" part="receipt">
      <ul class="receipt-lines">
        ${lines.borrowed.map((l) => html`<li>${l.title} · ${msg(str`Due ${l.dueOn}`)}</li>`)}
        ${lines.renewed.map((l) => html`<li>${l.title} · ${msg(str`Renewed, due ${l.dueOn}`)}</li>`)}
      </ul>
      ${ctx.receipt === 'qr'
        ? html`<ck-qr-code value=${text} size="280" label=${msg('Scan with your phone to keep this list')}></ck-qr-code>
            <p class="muted">${msg('Scan with your phone to keep this list. Nothing is kept on this kiosk.')}</p>`
        : html`<p class="muted">${msg('Take your printed receipt.')}</p>`}
    </div>
    <div class="actions" part="actions"><ck-button size="large" data-action="done" @click=${() => ctx.go('start')}>${msg('Done')}</ck-button></div>`;
}

/** Returns kept offline (other visits, or before a reload) and those sent since the network came back. */
export function offlineReturns(ctx: ViewContext): TemplateResult | typeof nothing {
  const { queued, sent, locale } = ctx;
  const down = ctx.networkDown
    ? html`<p class="notice info" part="notice" role="status" data-network="down">
        ${icon('!')} ${msg('No network right now. Returns are saved on this kiosk and sent when it is back; borrowing waits for the network.')}
      </p>`
    : nothing;
  if (!queued.length && !sent.length) return down;
  return html`${down}${sent.length
      ? html`<div class="notice success" part="notice" role="status" data-sent=${sent.length}>
          ${icon('✓')}
          <div>
            <p><strong>${msg('The network is back. These returns have been sent:')}</strong></p>
            <ul class="sent">
              ${sent.map(
                (note) =>
                  html`<li data-outcome=${note.refusal ? 'refused' : 'returned'}>
                    ${note.answer ? titleIn(note.answer.title, locale) : labelIn(note.label, locale)}:
                    ${note.refusal ? html`${msg('not returned')} — ${reasonOf(note.refusal)}` : msg('returned')}
                  </li>`,
              )}
            </ul>
          </div>
        </div>`
      : nothing}
    ${queued.length
      ? html`<section class="notice info queued" part="notice" aria-labelledby="queued-title" data-queued=${queued.length}>
          ${icon('⇅')}
          <div>
            <h3 id="queued-title">${msg(str`Waiting for the network (${queued.length})`)}</h3>
            <p>${msg('These returns are saved on this kiosk and will be sent when the network is back:')}</p>
            <ul>
              ${queued.map((e) => html`<li data-key=${e.idempotencyKey}>${labelIn(e.label, locale)}</li>`)}
            </ul>
          </div>
        </section>`
      : nothing}`;
}
