import {
  ApiError,
  enumConverter,
  fire,
  formatDistance,
  KioskElement,
  listConverter,
  numberConverter,
  OutsideValue,
  PersonalDataController,
  SessionController,
  ThemeController,
  urlConverter,
  warnOnce,
} from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { afterPaint, StationData } from './data-task.js';
import { glyph } from './icons.js';
import { facilityLabel, mapLabels } from './labels.js';
import { renderEmpty, renderRow } from './list-view.js';
import { FinderMapController } from './map-controller.js';
import type { RouteCoordinates } from './route.js';
import type { NearbyStation } from './spatial.js';
import { FinderQuery } from './finder-query.js';
import { renderBanner, renderMapChrome } from './chrome-view.js';
import { finderRules, TAG, timeZoneConverter } from './rules.js';
import { stationFinderStyles } from './station-finder.styles.js';
import { FILTERS, type LonLat, type Station, type StationFilter, type StationSource } from './types.js';
import { checkFilters } from './rules.js';
import './translations.js';

export { facilityLabel } from './labels.js';

let detailView: typeof import('./detail-view.js') | undefined;
const loadDetail = () => import('./detail-view.js').then((module) => void (detailView = module));

/** Fired when the visitor chooses a station, in the list or on the map. */
export const STATION_SELECT_EVENT = 'ck-station-select';
/** Fired when the visitor toggles a filter chip. */
export const FILTERS_CHANGE_EVENT = 'ck-filters-change';

export interface StationSelectDetail {
  station: Station;
}
export interface FiltersChangeDetail {
  filters: StationFilter[];
}

declare global {
  interface HTMLElementEventMap {
    [STATION_SELECT_EVENT]: CustomEvent<StationSelectDetail>;
    [FILTERS_CHANGE_EVENT]: CustomEvent<FiltersChangeDetail>;
  }
}

/** A station being looked at: the visitor's choice in progress, wiped when they leave. */
interface Choice {
  id?: string;
  open: boolean;
}
const NO_CHOICE: Choice = { open: false };

/**
 * @summary The stations nearest to this kiosk with the facilities a visitor needs: a list sorted by walking distance, a map that works without tiles, and the route to their phone as a QR code.
 * @tagname ck-station-finder
 * @fires {CustomEvent<StationSelectDetail>} ck-station-select - The visitor chose a station in the list or on the map (never fired by `select()`).
 * @fires {CustomEvent<FiltersChangeDetail>} ck-filters-change - The visitor toggled a filter chip.
 * @csspart header - The title and the filter chips.
 * @csspart filters - The group of filter chips.
 * @csspart chip - One filter chip (a toggle button).
 * @csspart summary - The line saying how many stations are shown.
 * @csspart list - The list of nearest stations.
 * @csspart row - One station in the list (a button).
 * @csspart empty - The "no station with all of these" state.
 * @csspart detail - The detail panel of the chosen station.
 * @csspart qr - The QR code with the route.
 * @csspart map - The map.
 * @csspart side - The column beside the map: the list, or the detail of the chosen station.
 * @cssproperty --ck-finder-height - Height of the list and map side by side (containers 1200px wide and more). Default: the viewport height less 15rem, at least 480px.
 * @cssproperty --ck-finder-list-height - Maximum height of the list above the map (narrower containers). Default 880px.
 * @cssproperty --ck-finder-map-height - Height of the map under the list (narrower containers). Default 560px.
 * @cssproperty --ck-color-accent - Chips that are on, the chosen row and its marker.
 * @cssproperty --ck-color-surface - Rows, panels and the map without tiles.
 * @cssproperty --ck-color-success - "Open" status (always with an icon and words).
 * @cssproperty --ck-color-danger - "Closed" status (always with an icon and words).
 * @cssproperty --ck-touch-target - Minimum size of everything tappable.
 */
export class StationFinder extends KioskElement {
  static override styles = [KioskElement.styles, stationFinderStyles];

  /**
   * Base URL of the stations API (GET `${api}/stations`) when no session provider gives an HTTP
   * client (with a provider, its client is used); ignored when `source` is set.
   */
  @property({ converter: urlConverter(TAG, 'api', '/api') }) accessor api = '/api';

  /** Any other backend (in-memory, an Overpass export, ...); takes precedence over `api`. */
  @property({ attribute: false }) accessor source: StationSource | undefined;

  /** The kiosk's latitude (WGS-84), usually from the site configuration. */
  @property({ type: Number, converter: numberConverter(TAG, 'latitude', undefined, { min: -90, max: 90 }) }) accessor latitude: number | undefined;

  /** The kiosk's longitude (WGS-84). */
  @property({ type: Number, converter: numberConverter(TAG, 'longitude', undefined, { min: -180, max: 180 }) }) accessor longitude: number | undefined;

  /** IANA time zone in which opening hours are evaluated. */
  @property({ attribute: 'time-zone', converter: timeZoneConverter }) accessor timeZone = 'Asia/Shanghai';

  /**
   * Facilities a station must have, `free` and `open_now`, e.g. `['wheelchair', 'open_now']` (attribute:
   * JSON or space separated). Setting it sets the value the finder starts from and returns to when idle;
   * reading it gives the filters in force, with the visitor's chip toggles.
   */
  @property({ type: Array, converter: listConverter(TAG, 'filters', FILTERS) })
  set filters(value: StationFilter[]) {
    this.#filters.outside = checkFilters(value);
  }
  get filters(): StationFilter[] {
    return this.#filters.current;
  }

  /** Search radius in kilometres of walking distance (more than 0, at most 100). */
  @property({ type: Number, attribute: 'radius-km', converter: numberConverter(TAG, 'radius-km', 5, { min: 0.01, max: 100 }) }) accessor radiusKm = 5;

  /** How many stations the list shows (1 to 100). */
  @property({ type: Number, converter: numberConverter(TAG, 'limit', 10, { min: 1, max: 100, integer: true }) }) accessor limit = 10;

  /** Map tile URL template, e.g. `https://tiles.example.cn/{z}/{x}/{y}.png`. Empty: no tiles, a plain map. */
  @property({ attribute: 'tile-url', converter: urlConverter(TAG, 'tile-url', '') }) accessor tileUrl = '';

  /** Attribution of the tiles, shown on the map as text. */
  @property({ attribute: 'tile-attribution' }) accessor tileAttribution = '';

  /**
   * Map-app URL for the route QR code, with placeholders `{lat}` `{lng}` `{name}`
   * (in the datum of `route-coordinates`), `{gcjLat}` `{gcjLng}`, `{wgsLat}` `{wgsLng}`,
   * `{fromLat}` `{fromLng}`. Empty: a `geo:` URI.
   */
  @property({ attribute: 'route-url-template', converter: urlConverter(TAG, 'route-url-template', '') }) accessor routeUrlTemplate = '';

  /** Datum of `{lat}`/`{lng}` in the route template: `gcj02` for Amap, Tencent and other Chinese map apps. */
  @property({ attribute: 'route-coordinates', converter: enumConverter<RouteCoordinates>(TAG, 'route-coordinates', ['wgs84', 'gcj02'], 'wgs84') })
  accessor routeCoordinates: RouteCoordinates = 'wgs84';

  /** Take exactly the element's own height (give it one): the list scrolls inside, the map takes the rest. For a full-screen service. */
  @property({ type: Boolean, reflect: true }) accessor fill = false;

  /** The clock, for tests and stories; the real time when unset (re-evaluated every minute). */
  @property({ attribute: false }) accessor now: Date | undefined;

  @state() private accessor scale: { meters: number; pixels: number } | undefined;
  @state() private accessor tilesFailed = false;

  @query('.side') private accessor side!: HTMLElement | null;

  /** The client, locale and idle signal of a session provider (the kiosk app), or defaults from the attributes. */
  #session = new SessionController(this, () => ({ api: this.api }));
  /** The filters set from outside, apart from the visitor's toggles. */
  #filters = new OutsideValue<StationFilter[]>(this, []);
  /** The station being looked at: wiped on idle (the one idle listener), on leaving the page and on page hide. */
  #choice = new PersonalDataController<Choice>(this, { empty: NO_CHOICE, onWipe: () => this.#toStart() });
  #data = new StationData(this, () => [this.source, this.source ? undefined : this.#session.client], () => this.timeZone);
  /** Sizes and colours drawn by Leaflet (pins, labels) follow a theme switch (elder, high contrast). @internal */
  protected readonly themeWatch = new ThemeController(this, () => this.#map.relayout());
  #map = new FinderMapController(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.map'),
    onSelect: (id) => this.#choose(id),
    onScale: (meters, pixels) => {
      // After this update (the map reports while the element draws it).
      if (this.scale?.meters !== meters || this.scale.pixels !== pixels) queueMicrotask(() => (this.scale = { meters, pixels }));
    },
    onTileError: () => (this.tilesFailed = true),
  });
  #query = new FinderQuery();
  #shownId: string | undefined;
  #shownOpen = false;
  #clock: ReturnType<typeof setInterval> | undefined;
  #detailLoading: Promise<void> | undefined;

  /** The kiosk's position, or undefined when it is not configured. */
  get origin(): LonLat | undefined {
    const { latitude: lat, longitude: lon } = this;
    return lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon) ? undefined : { lat, lon };
  }

  set origin(value: LonLat | undefined) {
    this.latitude = value?.lat;
    this.longitude = value?.lon;
  }

  get selectedId(): string | undefined {
    return this.#choice.value.id;
  }

  get detailOpen(): boolean {
    return this.#choice.value.open;
  }

  /** The stations the list shows now, nearest first. */
  get results(): readonly NearbyStation[] {
    return this.#query.results;
  }

  /**
   * Resolves when the stations of the current source are loaded and shown, with their opening hours (or
   * their error is shown). `updateComplete` means rendering only: it never waits on the network.
   */
  get taskComplete(): Promise<void> {
    return this.updateComplete.then(async () => {
      await this.#data.settled();
      if (this.#data.collection) await this.#loadDetail();
      await this.updateComplete;
    });
  }

  /** The detail panel (with the QR code's route) loads after the first list, not before it. */
  #loadDetail(): Promise<void> {
    return (this.#detailLoading ??= loadDetail().then(() => {
      // Its rules come with it, after the element's own.
      const root = this.shadowRoot;
      const sheet = detailView!.detailStyles.styleSheet;
      if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.requestUpdate();
    }));
  }

  /** Resolves when the map (loaded on demand) is drawn. */
  get mapReady(): Promise<void> {
    return this.#map.ready;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => this.now || this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  /** Loads the stations again (the retry button of the offline banner does this). */
  reload(): Promise<void> {
    return this.#data.reload();
  }

  /** Back to the first screen: the filters set from outside, no station chosen, list at the top. */
  resetView(): void {
    this.#choice.wipe('api');
  }

  /** Shows a station: highlights its row and marker and opens its detail. Fires no event (it is not the visitor's choice). */
  select(id: string | undefined, open = true): void {
    this.#choice.value = id === undefined ? NO_CHOICE : { id, open };
  }

  /** After a wipe (idle, reset, leaving): the outside filters, the whole area in view, the list at the top. */
  #toStart(): void {
    this.#filters.reset();
    this.#map.fitNext();
    this.side?.scrollTo?.({ top: 0 });
  }

  /** The visitor chose a station. */
  #choose(id: string): void {
    this.select(id);
    const station = this.#stationById(id);
    if (station) fire(this, STATION_SELECT_EVENT, { station });
  }

  #stationById(id: string | undefined): Station | undefined {
    return id === undefined ? undefined : this.#query.find(id);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    finderRules(this, changed);
    if (changed.has('tileUrl')) this.tilesFailed = false;
    if (changed.has('timeZone') && this.#data.hours && this.#data.hours.timeZone !== this.timeZone) void this.#data.startHours();
    const { table, index, hours } = this.#data;
    this.#query.update({ origin: this.origin, table, index, hours, filters: this.filters, radiusKm: this.radiusKm, limit: this.limit, now: this.now ?? new Date() });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // An `api` that answers something other than the API's JSON (a portal's or proxy's HTML page): the visitor sees
    // the error banner; the embedder gets one warning naming the attribute and its value (not the answer).
    const error = this.#data.task.error;
    if (!this.source && !this.#session.provided && error instanceof ApiError && error.code === 'BAD_RESPONSE') {
      warnOnce(TAG, 'api', this.api, 'answered something that is not the stations API (an HTML page?)', 'showing an error; check the URL of the API');
    }
    if (this.#data.collection) {
      this.#map.sync(() => this.#mapState());
      if (!this.#detailLoading) void afterPaint().then(() => this.#loadDetail());
    }
    // A station chosen on the map: its row comes into view.
    if (this.selectedId !== this.#shownId && this.selectedId && !this.detailOpen) {
      this.renderRoot.querySelector(`[data-id="${CSS.escape(this.selectedId)}"]`)?.scrollIntoView?.({ block: 'nearest' });
    }
    // A detail opens at its top (its Back button and name), wherever the list was scrolled.
    if (this.detailOpen && (this.selectedId !== this.#shownId || !this.#shownOpen)) this.side?.scrollTo?.({ top: 0 });
    this.#shownId = this.selectedId;
    this.#shownOpen = this.detailOpen;
  }

  #mapState() {
    const query = this.#query;
    return {
      origin: this.origin,
      key: `${query.key}|${this.#data.table?.size}|${this.locale}`,
      listed: query.results.map((item) => item.station),
      others: () => query.others(),
      selectedId: this.selectedId,
      tileUrl: this.tileUrl,
      labels: mapLabels(this.locale),
    };
  }

  /** The visitor toggled a chip (or took a suggestion): their choice, apart from `filters`. */
  #toggle(filter: StationFilter): void {
    const current = this.filters;
    this.#setChosen(current.includes(filter) ? current.filter((f) => f !== filter) : FILTERS.filter((f) => f === filter || current.includes(f)));
  }

  #setChosen(filters: StationFilter[]): void {
    this.#filters.current = filters;
    this.#map.fitNext();
    fire(this, FILTERS_CHANGE_EVENT, { filters: [...filters] });
  }

  override render() {
    const active = this.filters;
    return html`
      <section class="finder ${this.detailOpen ? 'detail-open' : ''}" aria-labelledby="title">
        <header part="header" class="header">
          <h2 id="title" class="title">${msg('Nearest stations')}</h2>
          <div part="filters" class="chips" role="group" aria-label=${msg('Show only stations with')}>
            ${FILTERS.map(
              (filter) =>
                html`<button part="chip" class="chip" type="button" data-filter=${filter} aria-pressed=${active.includes(filter) ? 'true' : 'false'} @click=${() => this.#toggle(filter)}>
                  ${glyph(filter)}<span>${facilityLabel(filter)}</span>${active.includes(filter) ? glyph('check', 'glyph tick') : nothing}
                </button>`,
            )}
          </div>
        </header>
        ${renderBanner({
          status: this.#data.status,
          reason: this.#data.reason,
          hasData: !!this.#data.collection,
          hasPosition: !!this.origin,
          fetchedAt: this.#data.collection?.fetchedAt,
          timeZone: this.timeZone,
          retry: () => void this.reload(),
        })}
        <div class="body">
          <div class="side" part="side">${this.#renderSide()}</div>
          <div class="map-wrap" part="map">
            <div class="map"></div>
            ${renderMapChrome({
              tileUrl: this.tileUrl,
              tileAttribution: this.tileAttribution,
              tilesFailed: this.tilesFailed,
              scale: this.scale,
              zoomBy: (delta) => this.#map.zoomBy(delta),
            })}
          </div>
        </div>
      </section>
    `;
  }

  #renderSide(): TemplateResult {
    const origin = this.origin;
    const { collection, hours } = this.#data;
    if (!collection || !origin) return html``;
    const station = this.detailOpen ? this.#stationById(this.selectedId) : undefined;
    if (station && !detailView) void this.#loadDetail();
    if (station && detailView) {
      const now = this.now ?? new Date();
      return detailView.renderDetail({
        station,
        origin,
        locale: this.locale,
        open: hours?.state(station, now),
        week: hours?.week(station, now),
        routeUrlTemplate: this.routeUrlTemplate,
        routeCoordinates: this.routeCoordinates,
        onBack: this.#closeDetail,
      });
    }
    const filters = this.filters;
    if (filters.includes('open_now') && !hours) return html`<p class="summary" part="summary" role="status">${msg('Checking opening hours…')}</p>`;
    if (this.#query.results.length === 0) {
      return renderEmpty(this.radiusKm, filters, this.#query.suggestion, this.locale, { drop: (f) => this.#toggle(f), clear: () => this.#setChosen([]) });
    }
    const context = { locale: this.locale, selectedId: this.selectedId, openState: (s: Station) => hours?.state(s, this.now ?? new Date()), onSelect: (id: string) => this.#choose(id) };
    return html`
      <p class="summary" part="summary" role="status">${msg(str`${this.#query.results.length} nearest within ${formatDistance(this.radiusKm * 1000)}, by walking distance`)}</p>
      <ol class="list" part="list" aria-label=${msg('Nearest stations')}>
        ${this.#query.results.map((item, i) => renderRow(item, i + 1, context))}
      </ol>
    `;
  }

  #closeDetail = () => {
    const id = this.selectedId;
    this.#choice.value = { id, open: false };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id ?? '')}"]`)?.focus());
  };
}
