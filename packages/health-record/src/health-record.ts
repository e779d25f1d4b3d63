import {
  ApiError,
  booleanConverter,
  enforceRules,
  enumConverter,
  isSafeUrl,
  fire,
  formatDate,
  formatNumber,
  HttpClient,
  IDLE_ACTIVE_EVENT,
  IDLE_WARNING_EVENT,
  KioskElement,
  numberConverter,
  numberIn,
  oneOf,
  PersonalDataController,
  SessionController,
  urlConverter,
  warnOnce,
  type PropertyRule,
  type WipeReason,
} from '@civic-kiosk/core';
import type { PropertyValues } from 'lit';
import type { ChartBand, ChartSeries } from '@civic-kiosk/ui/chart-config.js';
import { msg, str } from '@lit/localize';
import { html, nothing, render, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { healthRecordStyles } from './health-record.styles.js';
import { errorLabel, flagLabel, maskNumber, noteLabel, sexLabel } from './labels.js';
import { ageOn, type HealthRecord, type Item } from './record.js';
import { otherGlucoseUnit, type Flag, type Reading } from './readings.js';
import { FhirReader, noStoreFetch, ownServer, type AccessToken } from './source.js';
import { PERIODS, pressureTrend, valueTrend, type Period, type Trend } from './trends.js';
import './translations.js';

const TAG = 'ck-health-record';
/** The visitor signed in (our server's sign-in) or the record of an embedder's token was shown. detail: {} */
export const HEALTH_SIGNIN_EVENT = 'ck-health-signin';
/** The visitor tapped "Sign out". detail: {} */
export const HEALTH_SIGNOUT_EVENT = 'ck-health-signout';
export type TakeAway = 'print' | 'qr' | 'none';
export type View = 'summary' | 'trends' | 'history';

declare global {
  interface HTMLElementEventMap {
    [HEALTH_SIGNIN_EVENT]: CustomEvent<Record<string, never>>;
    [HEALTH_SIGNOUT_EVENT]: CustomEvent<Record<string, never>>;
  }
}

/** Everything personal, held only by the PersonalDataController (a Task would keep the record outside it). */
interface Personal {
  token?: AccessToken;
  patientId?: string;
  /** The card number while the PIN is typed (shown masked). */
  number?: string;
  record?: HealthRecord;
  loading?: boolean;
  error?: unknown;
  shareUrl?: string;
  /** The error is the sign-in's (a refused PIN), not a record read's. */
  signinFailed?: boolean;
}
const EMPTY: Personal = {};

/**
 * @summary A villager's own health record from any FHIR R4 server: the summary in plain words, trends with reference bands, immunizations and visits. Private by design.
 * @tagname ck-health-record
 * @fires {CustomEvent<Record<string, never>>} ck-health-signin - The record of a signed-in visitor is shown (no personal data).
 * @fires {CustomEvent<Record<string, never>>} ck-health-signout - The visitor tapped "Sign out" (no personal data).
 * @csspart summary - The summary cards.
 * @csspart trends - The trend charts.
 * @csspart history - Immunizations and visits.
 * @csspart signin - The sign-in keypad.
 * @cssproperty --ck-touch-target - Minimum size of everything tappable.
 */
export class HealthRecordElement extends KioskElement {
  static override styles = [KioskElement.styles, healthRecordStyles];

  /** FHIR R4 base URL: `/fhir` for our server, or any other server's base. */
  @property({ attribute: 'fhir-base', converter: urlConverter(TAG, 'fhir-base', '/fhir') }) accessor fhirBase = '/fhir';

  /** Our API (sign-in, sign-out, take-away) when no session provider gives a client. */
  @property({ converter: urlConverter(TAG, 'api', '/api') }) accessor api = '/api';

  /** With `accessToken`: the FHIR Patient id whose record to show (then there is no sign-in screen). */
  @property({ attribute: 'patient-id' }) accessor patientId = '';

  /** Letters printed before the digits on this village's resident cards, e.g. `XK`: the visitor types only the digits. */
  @property({ attribute: 'card-prefix' }) accessor cardPrefix = '';

  /** "Take it with you": `print`, `qr` (a single-use link from our server) or `none` — the site's setting. */
  @property({ attribute: 'take-away', converter: enumConverter(TAG, 'take-away', ['print', 'qr', 'none'], 'none') }) accessor takeAway: TakeAway = 'none';

  /** Entries asked for per page (`_count`); servers may send fewer and page by link[next]. */
  @property({ type: Number, attribute: 'page-size', converter: numberConverter(TAG, 'page-size', 100, { min: 1, max: 1000, integer: true }) }) accessor pageSize = 100;

  /** The clock (stories and tests fix it); default: now. */
  @property({ attribute: false }) accessor now: Date | undefined;

  /**
   * Show its own "Are you still there?" countdown before the idle wipe (`ck-idle-warning`). Set
   * `idle-countdown="false"` where the page shows one already (the kiosk shell does).
   */
  @property({ type: Boolean, attribute: 'idle-countdown', converter: booleanConverter(true) }) accessor idleCountdown = true;

  /** A fetch for a foreign server's requests (an embedder's proxy, tests, stories); default the page's. */
  @property({ attribute: false }) accessor transport: typeof fetch | undefined;

  /**
   * Someone else's server: a bearer token, or a function returning (a promise of) one, called again
   * after a 401. Held with the record and wiped with it; reading it back gives nothing.
   */
  @property({ attribute: false })
  set accessToken(value: AccessToken | undefined) {
    if (!value) return;
    this.#personal.value = { token: value, patientId: this.patientId };
  }
  get accessToken(): undefined {
    return undefined;
  }

  /** The tab shown with a record: `summary`, `trends` or `history` (vaccines and visits); back to `summary` when wiped. */
  @property({ reflect: true, converter: enumConverter(TAG, 'view', ['summary', 'trends', 'history'], 'summary') }) accessor view: View = 'summary';
  @state() private accessor period: Period = '12m';
  @state() private accessor countdown: number | undefined;

  #session = new SessionController(this, () => ({ api: this.api }));
  #personal = new PersonalDataController<Personal>(this, { empty: EMPTY, onWipe: (reason) => this.#afterWipe(reason) });
  #abort: AbortController | undefined;
  #loadedFor: unknown;

  /** Resolves when the record being loaded is shown (or failed). */
  loaded: Promise<void> = Promise.resolve();

  /** Wipes the record and token; fires nothing (the tap on "Sign out" fires ck-health-signout). */
  signOut(): void {
    const { token } = this.#personal.value;
    if (typeof token === 'string' && this.#ownToken) void ownServer.signOut(this.#session.client, token).catch(() => undefined);
    this.#personal.wipe('sign-out');
  }

  /** Whether the token came from our own sign-in (else an embedder's `accessToken`). */
  #ownToken = false;

  override connectedCallback(): void {
    super.connectedCallback();
    for (const target of new Set<EventTarget>([window, this.#session.session.idle])) {
      target.addEventListener(IDLE_WARNING_EVENT, this.#onWarning);
      target.addEventListener(IDLE_ACTIVE_EVENT, this.#onActive);
    }
  }

  override disconnectedCallback(): void {
    for (const target of new Set<EventTarget>([window, this.#session.session.idle])) {
      target.removeEventListener(IDLE_WARNING_EVENT, this.#onWarning);
      target.removeEventListener(IDLE_ACTIVE_EVENT, this.#onActive);
    }
    super.disconnectedCallback();
  }

  #timer: ReturnType<typeof setInterval> | undefined;
  #onWarning = (event: Event) => {
    if (!this.#personal.held) return;
    const ms = (event as CustomEvent<{ remainingMs?: number }>).detail?.remainingMs ?? 15_000;
    this.countdown = Math.ceil(ms / 1000);
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.countdown = Math.max(0, (this.countdown ?? 1) - 1);
    }, 1000);
  };
  #onActive = () => {
    clearInterval(this.#timer);
    this.countdown = undefined;
  };

  #afterWipe(reason: WipeReason): void {
    // Off the page (or the page going away) no update may come: empty the shadow DOM now, so the
    // name and readings do not linger in a detached tree someone still holds.
    if (reason === 'disconnect' || reason === 'page-hide') render(nothing, this.renderRoot);
    this.#abort?.abort();
    this.#loadedFor = undefined;
    this.#ownToken = false;
    this.#onActive();
    this.view = 'summary';
  }

  /** Values set as properties from code get the same checks as the attributes' converters (one warning, then the default). */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    fhirBase: { attribute: 'fhir-base', check: (v) => isSafeUrl(v), fallback: '/fhir', why: 'an http(s) URL or a path' },
    api: { attribute: 'api', check: (v) => isSafeUrl(v), fallback: '/api', why: 'an http(s) URL or a path' },
    pageSize: { attribute: 'page-size', check: numberIn({ min: 1, max: 1000, integer: true }), fallback: 100, why: 'a whole number from 1 to 1000' },
    takeAway: { attribute: 'take-away', check: oneOf(['print', 'qr', 'none']), fallback: 'none', why: 'one of print, qr, none' },
    view: { attribute: 'view', check: oneOf(['summary', 'trends', 'history']), fallback: 'summary', why: 'one of summary, trends, history' },
    idleCountdown: { attribute: 'idle-countdown', check: (v) => typeof v === 'boolean', fallback: true, why: 'true or false' },
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    enforceRules(this, changed, HealthRecordElement.rules);
    const p = this.#personal.value;
    const patientId = p.patientId || this.patientId;
    if (p.token !== undefined && patientId && !p.record && !p.loading && !p.error && this.#loadedFor !== p.token) this.#load(p.token, patientId);
  }

  #reader(token: AccessToken): FhirReader {
    // Our server: the session's client (it carries the device credential the token is bound to).
    // Anyone else's: a plain client, so the kiosk's credential never leaves for another server.
    const client = this.#ownToken ? this.#session.client : new HttpClient({ baseUrl: '', cache: false, fetch: noStoreFetch(this.transport) });
    return new FhirReader(client, this.fhirBase, token, this.pageSize);
  }

  #load(token: AccessToken, patientId: string): void {
    this.#loadedFor = token;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const held = this.#personal.value;
    this.#personal.value = { ...held, loading: true };
    const still = () => !abort.signal.aborted && this.#personal.value.token === token;
    this.loaded = this.#reader(token)
      .load(patientId, this.now ?? new Date(), abort.signal, {
        onPartial: (record) => {
          if (still()) this.#personal.value = { ...this.#personal.value, record };
        },
      })
      .then(
        (record) => {
          if (!still()) return;
          this.#personal.value = { ...this.#personal.value, record, loading: false };
          fire(this, HEALTH_SIGNIN_EVENT, {});
        },
        (error: unknown) => {
          if (!still()) return;
          // A FHIR base that answers something else (a proxy's HTML page, a login portal): the visitor sees
          // "not a health record"; the embedder gets one warning naming the attribute to fix. No other
          // server is tried: the token must not travel to a server it was not meant for. (What it answered
          // is not printed: it may hold personal data.)
          if (error instanceof ApiError && error.code === 'BAD_RESPONSE') {
            warnOnce(TAG, 'fhir-base', this.fhirBase, 'answered something that is not FHIR JSON (an HTML page?)', 'showing "not a health record"; check the URL of the FHIR server');
          }
          // An expired or revoked token: back to sign-in with the reason (our server), or the error (anyone else's).
          this.#personal.value = this.#ownToken ? { error } : { ...this.#personal.value, record: undefined, error, loading: false };
        },
      );
  }

  async #submitNumber(e: Event): Promise<void> {
    const pad = e.target as HTMLElement & { value: string; clear(): void };
    this.#personal.value = { number: pad.value };
    pad.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('ck-keypad')?.focus();
  }

  async #submitPin(e: Event): Promise<void> {
    const pad = e.target as HTMLElement & { value: string; clear(): void };
    const pin = pad.value;
    pad.clear();
    const number = this.#personal.value.number ?? '';
    this.#personal.value = { number, loading: true };
    try {
      const signed = await ownServer.signIn(this.#session.client, `${this.cardPrefix}${number}`, pin);
      this.#ownToken = true;
      this.#personal.value = { token: signed.token, patientId: signed.patientId };
    } catch (error) {
      this.#personal.value = { number, error, signinFailed: true };
    }
  }

  #tapSignOut = () => {
    this.signOut();
    fire(this, HEALTH_SIGNOUT_EVENT, {});
  };

  async #share(): Promise<void> {
    const { token } = this.#personal.value;
    if (typeof token !== 'string') return;
    try {
      const { url } = await ownServer.takeAway(this.#session.client, token);
      this.#personal.value = { ...this.#personal.value, shareUrl: url };
    } catch (error) {
      this.#personal.value = { ...this.#personal.value, error };
    }
  }

  override render(): TemplateResult {
    const p = this.#personal.value;
    return html`<div class="record">${p.record ? this.#renderRecord(p.record, p) : p.token !== undefined && !p.error ? this.#renderLoading() : this.#renderSignIn(p)}${this.#renderCountdown()}</div>`;
  }

  #renderLoading(): TemplateResult {
    return html`<ck-status-banner state="loading" reason=${msg('Reading your health record…')}></ck-status-banner>`;
  }

  #renderSignIn(p: Personal): TemplateResult {
    const error = p.error ? html`<ck-status-banner state="error" reason=${errorLabel(p.error, p.signinFailed ? 'signin' : 'record')}></ck-status-banner>` : nothing;
    // An embedder's token that failed: its error, and no sign-in screen (the embedder signs in).
    if (this.patientId && p.token !== undefined && !this.#ownToken) return html`${error}`;
    if (p.loading) return this.#renderLoading();
    return html`<section class="signin" part="signin">
      <h2>${msg('Your health record')}</h2>
      ${error}
      ${p.number === undefined
        ? html`<p>${msg('Type the number on your resident card or ID card, then OK.')}</p>
            <ck-keypad allow-x maxlength="18" minlength="4" label=${msg('Card or ID number')} @ck-keypad-submit=${this.#submitNumber}></ck-keypad>`
        : html`<p class="masked" aria-label=${msg('Card number, partly hidden')}>${maskNumber(p.number)}</p>
            <p>${msg('Type your PIN, then OK.')}</p>
            <ck-keypad masked maxlength="6" minlength="4" label=${msg('PIN')} @ck-keypad-submit=${this.#submitPin}></ck-keypad>
            <button @click=${() => this.#personal.wipe('sign-out')}>${msg('Another card')}</button>`}
    </section>`;
  }

  #renderRecord(record: HealthRecord, p: Personal): TemplateResult {
    const tab = (view: View, label: string) => html`<button role="tab" aria-selected=${this.view === view ? 'true' : 'false'} @click=${() => (this.view = view)}>${label}</button>`;
    return html`
      <div class="bar">
        <h2 class="grow">${record.person?.name || msg('Your health record')}</h2>
        ${this.takeAway === 'print' ? html`<button @click=${() => window.print()}>${msg('Print the summary')}</button>` : nothing}
        ${this.takeAway === 'qr' && this.#ownToken ? html`<button @click=${() => void this.#share()}>${msg('Take it with you')}</button>` : nothing}
        <button class="primary" @click=${this.#tapSignOut}>${msg('Sign out')}</button>
      </div>
      ${p.loading ? this.#renderLoading() : nothing}
      ${p.error ? html`<ck-status-banner state="error" reason=${errorLabel(p.error)}></ck-status-banner>` : nothing}
      ${p.shareUrl ? html`<div class="card"><p>${msg('Scan with your phone. The link opens once and expires in 10 minutes.')}</p><ck-qr-code .value=${p.shareUrl} label=${msg('Your summary')}></ck-qr-code></div>` : nothing}
      <div class="bar" role="tablist">${tab('summary', msg('Summary'))}${tab('trends', msg('Trends'))}${tab('history', msg('Vaccines and visits'))}</div>
      ${this.view === 'summary' ? this.#renderSummary(record) : this.view === 'trends' ? this.#renderTrends(record) : this.#renderHistory(record)}
    `;
  }

  #renderSummary(r: HealthRecord): TemplateResult {
    const age = ageOn(r.person?.birthDate, this.now ?? new Date());
    const bp = r.pressure.at(-1);
    const list = (items: Item[], empty: string) =>
      items.length ? html`<ul>${items.map((i) => html`<li>${i.text}${i.detail ? html` — <span class="muted">${i.detail}</span>` : nothing}</li>`)}</ul>` : html`<p class="muted">${empty}</p>`;
    const counts = new Map<string, number>();
    for (const n of r.notes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    return html`<div class="cards" part="summary">
      <div class="card">
        <p class="value">${[age === undefined ? '' : msg(str`${age} years old`), sexLabel(r.person?.gender)].filter(Boolean).join(' · ') || '—'}</p>
        ${r.nextVisit ? html`<p>${msg('Next follow-up')}: <strong>${formatDate(r.nextVisit.date!, { dateStyle: 'long' }, this.locale)}</strong></p>` : html`<p class="muted">${msg('No follow-up booked.')}</p>`}
      </div>
      <div class="card"><h3>${msg('Blood pressure')}</h3>${bp ? html`<p class="value">${bp.systolic}/${bp.diastolic} ${bp.unit}</p>${this.#flag(bp.flag)}${this.#when(bp.date)}` : this.#none()}</div>
      <div class="card"><h3>${msg('Glucose')}</h3>${this.#latest(r.glucose.at(-1), true)}</div>
      <div class="card"><h3>${msg('Weight')}</h3>${this.#latest(r.weight.at(-1), false)}</div>
      <div class="card"><h3>${msg('Conditions')}</h3>${list(r.conditions, msg('No active conditions recorded.'))}</div>
      <div class="card"><h3>${msg('Medications')}</h3>${list(r.medications, msg('No current medications recorded.'))}</div>
      ${counts.size ? html`<div class="card muted">${[...counts].map(([kind, n]) => html`<p>${noteLabel(kind as never, n)}</p>`)}</div>` : nothing}
    </div>`;
  }

  #none = () => html`<p class="muted">${msg('No readings yet.')}</p>`;
  #when = (date: string) => html`<p class="muted">${formatDate(date, { dateStyle: 'medium' }, this.locale)}</p>`;
  #flag = (flag: Flag) => html`<p class="flag ${flag}">${flagLabel(flag)}</p>`;

  #latest(reading: Reading | undefined, glucose: boolean): TemplateResult {
    if (!reading) return this.#none();
    const other = glucose ? otherGlucoseUnit(reading.value, reading.unit) : undefined;
    return html`<p class="value">${formatNumber(reading.value, {}, this.locale)} ${reading.unit}</p>
      ${other ? html`<p>(${formatNumber(other.value, {}, this.locale)} ${other.unit})</p>` : nothing}
      ${reading.basis === 'none' ? nothing : this.#flag(reading.flag)}${this.#when(reading.date)}`;
  }

  #renderTrends(r: HealthRecord): TemplateResult {
    const now = this.now ?? new Date();
    const periodLabel = (p: Period) => (p === '3m' ? msg('3 months') : p === '12m' ? msg('12 months') : msg('All'));
    const chart = (title: string, trend: Trend, names: string[]) => {
      const labels = trend.dates.map((d) => formatDate(d, { dateStyle: 'short' }, this.locale));
      const series: ChartSeries[] = trend.series.map((s, i) => ({ label: names[i] ?? title, data: s.data }));
      const bands: ChartBand[] = trend.bands.map((b) => ({ from: b.low ?? 0, to: b.high ?? b.low ?? 0, label: msg('Normal range') }));
      return trend.dates.length ? html`<ck-chart label=${title} unit=${trend.unit} category-label=${msg('Date')} .labels=${labels} .series=${series} .bands=${bands}></ck-chart>` : html`<div><h3>${title}</h3>${this.#none()}</div>`;
    };
    return html`<div class="bar" role="group" aria-label=${msg('Period')}>${PERIODS.map((p) => html`<button aria-pressed=${this.period === p ? 'true' : 'false'} @click=${() => (this.period = p)}>${periodLabel(p)}</button>`)}</div>
      <div part="trends" class="trends">
      ${chart(msg('Blood pressure'), pressureTrend(r, this.period, now), [msg('Systolic'), msg('Diastolic')])}
      ${chart(msg('Glucose'), valueTrend(r.glucose, this.period, now), [msg('Glucose')])}
      ${chart(msg('Weight'), valueTrend(r.weight, this.period, now), [msg('Weight')])}
    </div>`;
  }

  #renderHistory(r: HealthRecord): TemplateResult {
    const rows = (items: Item[], empty: string) =>
      items.length ? html`<ul>${items.map((i) => html`<li>${i.date ? html`<span class="muted">${formatDate(i.date, { dateStyle: 'medium' }, this.locale)}</span> ` : nothing}${i.text || msg('Visit')}${i.detail ? html` — ${i.detail}` : nothing}</li>`)}</ul>` : html`<p class="muted">${empty}</p>`;
    return html`<div class="cards" part="history">
      <div class="card"><h3>${msg('Immunizations')}</h3>${rows(r.immunizations, msg('No immunizations recorded.'))}</div>
      <div class="card"><h3>${msg('Past visits')}</h3>${rows(r.encounters, msg('No visits recorded.'))}</div>
    </div>`;
  }

  #renderCountdown(): TemplateResult | typeof nothing {
    if (this.countdown === undefined || !this.#personal.held || !this.idleCountdown) return nothing;
    return html`<ck-dialog open heading=${msg('Are you still there?')} .closeOnIdle=${true}>
      <p>${msg(str`Your record closes in ${this.countdown} seconds.`)}</p>
      <button slot="footer" class="primary" @click=${this.#onActive}>${msg('I am still here')}</button>
    </ck-dialog>`;
  }
}
