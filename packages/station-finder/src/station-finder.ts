import { AbortOnDisconnectController, ApiError, formatDate, formatDistance, formatMinutes, IDLE_EVENT, KioskElement } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { walkingDirections, type CompassPoint } from './geo.js';
import type { HoursEvaluator, OpenState, WeekLine } from './hours.js';
import { glyph } from './icons.js';
import { loadMapView } from './map-loader.js';
import type { MapView } from './map-view.js';
import { skippedWarning } from './warning.js';
import { routeUrl, type RouteCoordinates } from './route.js';
import { scanNearest, StationIndex, suggestDrop, type DropSuggestion, type NearbyStation, type NearestQuery } from './spatial.js';
import { stationFinderStyles } from './station-finder.styles.js';
import { StationTable } from './table.js';
import { FACILITIES, type Facility, type LonLat, type Station, type StationCollection, type StationFilter, type StationSource } from './types.js';
import './translations.js';

/** Fired when a station is chosen, in the list or on the map. */
export const STATION_SELECT_EVENT = 'ck-station-select';
/** Fired when the visitor toggles a filter chip. */
export const FILTERS_CHANGE_EVENT = 'ck-filters-change';

export interface StationSelectDetail {
  station: Station;
}
export interface FiltersChangeDetail {
  filters: StationFilter[];
}

type Status = 'loading' | 'ready' | 'offline' | 'error' | 'no-position';

const CHIPS: readonly StationFilter[] = [...FACILITIES, 'open_now'];

/** The facility names, in the visitor's language. */
export function facilityLabel(facility: StationFilter): string {
  switch (facility) {
    case 'toilets':
      return msg('Toilets');
    case 'wheelchair':
      return msg('Accessible toilet');
    case 'baby_change':
      return msg('Mother-and-baby room');
    case 'drinking_water':
      return msg('Drinking water');
    case 'charging':
      return msg('Phone charging');
    case 'wifi':
      return msg('Wi-Fi');
    case 'rest_room':
      return msg('Rest room');
    case 'open_now':
      return msg('Open now');
  }
}

function compassLabel(point: CompassPoint): string {
  switch (point) {
    case 'N':
      return msg('north');
    case 'NE':
      return msg('north-east');
    case 'E':
      return msg('east');
    case 'SE':
      return msg('south-east');
    case 'S':
      return msg('south');
    case 'SW':
      return msg('south-west');
    case 'W':
      return msg('west');
    case 'NW':
      return msg('north-west');
  }
}

/** Resolves once the next frame is painted: for work that must not delay what is on screen. */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

let hoursModule: Promise<typeof import('./hours.js')> | undefined;
const loadHours = () => (hoursModule ??= import('./hours.js'));

/**
 * @summary The stations nearest to this kiosk with the facilities a visitor needs: a list sorted by walking distance, a map that works without tiles, and the route to their phone as a QR code.
 * @tagname ck-station-finder
 * @fires ck-station-select - A station was chosen in the list or on the map. detail: { station }
 * @fires ck-filters-change - The visitor toggled a filter chip. detail: { filters }
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

  /** Base URL of the stations API (GET `${api}/stations`); ignored when `source` is set. */
  @property() accessor api = '/api';

  /** This kiosk's device key, sent to `api` as `X-Device-Key` (a property only: it is not written into the page). */
  @property({ attribute: false }) accessor deviceKey: string | undefined;

  /** Any other backend (in-memory, an Overpass export, ...); takes precedence over `api`. */
  @property({ attribute: false }) accessor source: StationSource | undefined;

  /** The kiosk's latitude (WGS-84), usually from the site configuration. */
  @property({ type: Number }) accessor latitude: number | undefined;

  /** The kiosk's longitude (WGS-84). */
  @property({ type: Number }) accessor longitude: number | undefined;

  /** IANA time zone in which opening hours are evaluated. */
  @property({ attribute: 'time-zone' }) accessor timeZone = 'Asia/Shanghai';

  /** Facilities a station must have, and `open_now`, e.g. `['wheelchair', 'open_now']`. Chips toggle it; idle reset restores the value last set from outside. */
  @property({ type: Array }) accessor filters: StationFilter[] = [];

  /** Search radius in kilometres of walking distance. */
  @property({ type: Number, attribute: 'radius-km' }) accessor radiusKm = 5;

  /** How many stations the list shows. */
  @property({ type: Number }) accessor limit = 10;

  /** Map tile URL template, e.g. `https://tiles.example.cn/{z}/{x}/{y}.png`. Empty: no tiles, a plain map. */
  @property({ attribute: 'tile-url' }) accessor tileUrl = '';

  /** Attribution of the tiles, shown on the map as text. */
  @property({ attribute: 'tile-attribution' }) accessor tileAttribution = '';

  /**
   * Map-app URL for the route QR code, with placeholders `{lat}` `{lng}` `{name}`
   * (in the datum of `route-coordinates`), `{gcjLat}` `{gcjLng}`, `{wgsLat}` `{wgsLng}`,
   * `{fromLat}` `{fromLng}`. Empty: a `geo:` URI.
   */
  @property({ attribute: 'route-url-template' }) accessor routeUrlTemplate = '';

  /** Datum of `{lat}`/`{lng}` in the route template: `gcj02` for Amap, Tencent and other Chinese map apps. */
  @property({ attribute: 'route-coordinates' }) accessor routeCoordinates: RouteCoordinates = 'wgs84';

  /** The clock, for tests and stories; the real time when unset (re-evaluated every minute). */
  @property({ attribute: false }) accessor now: Date | undefined;

  @state() private accessor status: Status = 'loading';
  @state() private accessor reason = '';
  @state() private accessor collection: StationCollection | undefined;
  @state() private accessor selectedId: string | undefined;
  @state() private accessor detailOpen = false;
  @state() private accessor hours: HoursEvaluator | undefined;
  @state() private accessor scale: { meters: number; pixels: number } | undefined;
  @state() private accessor tilesFailed = false;
  @state() private accessor fetchedAt: string | undefined;

  @query('.map') private accessor mapContainer!: HTMLElement | null;
  @query('.side') private accessor side!: HTMLElement | null;

  #abort = new AbortOnDisconnectController(this);
  #table: StationTable | undefined;
  #index: StationIndex | undefined;
  #indexing: Promise<void> | undefined;
  #results: NearbyStation[] = [];
  #others: Station[] = [];
  /** The query for the map's other stations, run when the map is next drawn. */
  #mapQuery: Omit<NearestQuery, 'limit'> | undefined;
  #suggestion: DropSuggestion | undefined;
  #initialFilters: StationFilter[] = [];
  #chipsChanged = false;
  #loadVersion = 0;
  #loading: Promise<void> = Promise.resolve();
  #map: MapView | undefined;
  #mapPromise: Promise<void> | undefined;
  #fitMap = true;
  #clock: ReturnType<typeof setInterval> | undefined;
  #resize: ResizeObserver | undefined;
  #warned = new WeakSet<StationCollection>();
  #lastTable: StationTable | undefined;
  #hoursStarted = false;

  /** The kiosk's position, or undefined when it is not configured. */
  get origin(): LonLat | undefined {
    return this.latitude === undefined || this.longitude === undefined || Number.isNaN(this.latitude) || Number.isNaN(this.longitude)
      ? undefined
      : { lat: this.latitude, lon: this.longitude };
  }

  set origin(value: LonLat | undefined) {
    this.latitude = value?.lat;
    this.longitude = value?.lon;
  }

  /** The stations the list shows now, nearest first. */
  get results(): readonly NearbyStation[] {
    return this.#results;
  }

  /**
   * The spatial index of the current data set: built once per data set, just
   * after the first list is on screen (that list comes from one scan of the
   * data, which is quicker than building the index first).
   */
  get index(): StationIndex | undefined {
    return this.#index;
  }

  /** Resolves when the map (loaded on demand) is drawn. */
  get mapReady(): Promise<void> {
    return this.#mapPromise ?? Promise.resolve();
  }

  /** The Leaflet map view, once loaded. */
  get mapView(): MapView | undefined {
    return this.#map;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(IDLE_EVENT, this.#onIdle);
    this.#clock = setInterval(() => {
      if (!this.now) this.requestUpdate();
    }, 60_000);
    if (this.hasUpdated) {
      // Back on the page: draw the map again, and finish a load cut off by leaving.
      if (this.status === 'loading') void this.reload();
      this.requestUpdate();
    }
  }

  /** Opening-hours rules (a large module) load once the first list is on screen, not before. */
  #startHours(): void {
    void loadHours().then(({ HoursEvaluator }) => {
      if (this.hours?.timeZone !== this.timeZone) this.hours = new HoursEvaluator(this.timeZone);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(IDLE_EVENT, this.#onIdle);
    clearInterval(this.#clock);
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#map?.destroy();
    this.#map = undefined;
    this.#mapPromise = undefined;
  }

  /** Waits for the data and the opening-hours rules too, so tests and embedders see a settled list. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let settled = await super.getUpdateComplete();
    await this.#loading;
    // The list of the loaded data is drawn, and the index is on its way.
    settled = (await super.getUpdateComplete()) && settled;
    await this.#indexing;
    if (!this.hours) {
      this.#hoursStarted = true;
      this.#startHours();
      await loadHours();
    }
    await new Promise((resolve) => setTimeout(resolve));
    settled = (await super.getUpdateComplete()) && settled;
    return settled;
  }

  /** Loads the stations again (the retry button of the offline banner does this). */
  reload(): Promise<void> {
    const version = ++this.#loadVersion;
    const given = this.source;
    const api = this.api;
    const deviceKey = this.deviceKey;
    const signal = this.#abort.signal;
    this.status = 'loading';
    // The HTTP source (and its IndexedDB cache) load only when no other source is given.
    const source: Promise<StationSource> = given ? Promise.resolve(given) : import('./source.js').then(({ HttpStationSource }) => new HttpStationSource(api, { deviceKey }));
    this.#loading = source.then((s) => s.load(signal)).then(
      (collection) => {
        if (version !== this.#loadVersion) return;
        this.#setCollection(collection);
        this.status = collection.offline ? 'offline' : 'ready';
        this.reason = collection.offline ? msg('No connection: showing the stations saved on this kiosk.') : '';
      },
      (error: unknown) => {
        if (version !== this.#loadVersion) return;
        if (error instanceof ApiError && error.code === 'ABORTED') return;
        const offline = error instanceof ApiError && (error.offline || error.status >= 500);
        this.status = offline ? 'offline' : 'error';
        this.reason = error instanceof ApiError ? error.reason : msg('The station list could not be read.');
      },
    );
    return this.#loading;
  }

  /** Back to the first screen: the filters set from outside, no station chosen, list at the top. */
  resetView(): void {
    this.#chipsChanged = false;
    this.filters = [...this.#initialFilters];
    this.selectedId = undefined;
    this.detailOpen = false;
    this.#fitMap = true;
    this.side?.scrollTo?.({ top: 0 });
  }

  /** Chooses a station: highlights its row and marker and opens its detail. */
  select(id: string | undefined, open = true): void {
    this.selectedId = id;
    this.detailOpen = open && id !== undefined;
    const station = this.#stationById(id);
    if (station) {
      this.dispatchEvent(
        new CustomEvent<StationSelectDetail>(STATION_SELECT_EVENT, { detail: { station }, bubbles: true, composed: true }),
      );
    }
  }

  #onIdle = () => this.resetView();

  #setCollection(collection: StationCollection): void {
    if (this.collection !== collection) {
      this.collection = collection;
      this.#table = collection.table ?? StationTable.of(collection.stations);
      this.#index = undefined;
      this.#indexing = undefined;
      this.fetchedAt = collection.fetchedAt;
      this.#fitMap = true;
    }
  }

  #stationById(id: string | undefined): Station | undefined {
    if (id === undefined) return undefined;
    return (
      this.#results.find((item) => item.station.id === id)?.station ??
      this.#others.find((station) => station.id === id) ??
      this.#table?.find(id)
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('tileUrl')) this.tilesFailed = false;
    if (changed.has('filters')) {
      if (!this.#chipsChanged) this.#initialFilters = [...this.filters];
      this.#chipsChanged = false;
    }
    if ((changed.has('source') || changed.has('api') || changed.has('deviceKey')) && this.isConnected) void this.reload();
    if (changed.has('timeZone') && this.hours && this.hours.timeZone !== this.timeZone) this.#startHours();
    if (!this.origin && this.status === 'ready') this.status = 'no-position';
    if (this.origin && this.status === 'no-position') this.status = 'ready';
    this.#query();
    if (this.collection && this.hours && !this.#warned.has(this.collection)) {
      this.#warned.add(this.collection);
      const table = this.#table!;
      const warning = skippedWarning(table.size + this.collection.skipped, this.collection.skippedBy, this.hours.countUnreadable(table));
      if (warning) console.warn(warning);
    }
  }

  #queryKey = '';
  #drawnKey = '';

  #query(): void {
    const origin = this.origin;
    const table = this.#table;
    const now = this.now ?? new Date();
    // Recompute only when an input changed (a re-render for a highlight must not re-query).
    const key = [origin?.lat, origin?.lon, this.filters.join(), this.radiusKm, this.limit, this.hours?.timeZone, Math.floor(now.getTime() / 60_000)].join('|');
    if (key === this.#queryKey && table === this.#lastTable) return;
    this.#queryKey = key;
    this.#lastTable = table;
    this.#results = [];
    this.#others = [];
    this.#mapQuery = undefined;
    this.#suggestion = undefined;
    if (!origin || !table) return;
    const facilities = this.filters.filter((f): f is Facility => f !== 'open_now');
    const wantOpen = this.filters.includes('open_now');
    // "Open now" waits for the opening-hours rules (loaded on demand).
    if (wantOpen && !this.hours) return;
    const hours = this.hours;
    const where = wantOpen && hours ? (station: Station) => hours.isOpen(station, now) : undefined;
    const query = { origin, facilities, where, radiusKm: this.radiusKm };
    const search = { nearest: (q: NearestQuery) => this.#nearest(q) };
    this.#results = search.nearest({ ...query, limit: this.limit });
    if (this.#results.length === 0) this.#suggestion = suggestDrop(search, query, where);
    // The map's other stations are looked up when the map draws, after the list is on screen.
    else this.#mapQuery = { ...query, where: undefined };
  }

  /** The index once it is built; until then one scan of the table gives the same answer. */
  #nearest(query: NearestQuery): NearbyStation[] {
    return this.#index ? this.#index.nearest(query) : scanNearest(this.#table!, query);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The opening-hours rules, the index and the map come after the list is drawn, so they never delay it.
    if (this.collection && !this.hours && !this.#hoursStarted) {
      this.#hoursStarted = true;
      void afterPaint().then(() => this.#startHours());
    }
    const table = this.#table;
    if (table && !this.#indexing) {
      this.#indexing = afterPaint().then(() => {
        if (this.#table === table) this.#index = new StationIndex(table);
      });
    }
    if (this.collection && this.mapContainer && !this.#mapPromise && this.origin) this.#mapPromise = this.#createMap();
    if (changed.has('tileUrl')) this.#map?.setTiles(this.tileUrl);
    this.#drawMap();
    if (changed.has('selectedId') && this.selectedId && !this.detailOpen) {
      this.renderRoot.querySelector(`[data-id="${CSS.escape(this.selectedId)}"]`)?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  async #createMap(): Promise<void> {
    await afterPaint();
    const { MapView } = await loadMapView();
    const container = this.mapContainer;
    if (!container || !this.isConnected) {
      this.#mapPromise = undefined;
      return;
    }
    // Leaflet's rules first, so this element's own marker and map styles win.
    // The markers' own rules come with the map (they are not needed for the first list).
    const [{ leafletStyles }, { markerStyles }] = await Promise.all([import('./leaflet.styles.js'), import('./map.styles.js')]);
    const root = this.shadowRoot;
    if (root && leafletStyles.styleSheet && !root.adoptedStyleSheets.includes(leafletStyles.styleSheet)) {
      root.adoptedStyleSheets = [leafletStyles.styleSheet, ...root.adoptedStyleSheets, markerStyles.styleSheet!];
    }
    this.#map = new MapView(container, {
      tileUrl: this.tileUrl,
      labels: {
        here: msg('You are here'),
        map: msg('Map of the nearest stations'),
        station: (station, rank) => (rank ? msg(str`${rank}. ${this.#name(station)}`) : this.#name(station)),
        cluster: (count) => msg(str`${count} stations here: zoom in`),
      },
      onSelect: (id) => this.select(id),
      onScale: (meters, pixels) => {
        // After this update (the map reports while the element draws it).
        if (this.scale?.meters !== meters || this.scale.pixels !== pixels) queueMicrotask(() => (this.scale = { meters, pixels }));
      },
      onTileError: () => (this.tilesFailed = true),
    });
    this.#resize = new ResizeObserver(() => this.#map?.resize());
    this.#resize.observe(container);
    this.#fitMap = true;
    this.#drawMap();
  }

  #drawMap(): void {
    const origin = this.origin;
    if (!this.#map || !origin) return;
    if (this.#drawnKey === this.#queryKey && !this.#fitMap) {
      this.#map.select(this.selectedId);
      return;
    }
    this.#drawnKey = this.#queryKey;
    if (this.#mapQuery) this.#others = this.#nearest({ ...this.#mapQuery, limit: 5000 }).map((item) => item.station);
    this.#mapQuery = undefined;
    this.#map.update({
      kiosk: origin,
      listed: this.#results.map((item) => item.station),
      others: this.#others,
      selectedId: this.selectedId,
      fit: this.#fitMap,
    });
    this.#fitMap = false;
    this.#map.select(this.selectedId);
  }

  #toggle(filter: StationFilter): void {
    const on = this.filters.includes(filter);
    this.#chipsChanged = true;
    this.filters = on ? this.filters.filter((f) => f !== filter) : CHIPS.filter((f) => f === filter || this.filters.includes(f));
    this.#fitMap = true;
    this.dispatchEvent(
      new CustomEvent<FiltersChangeDetail>(FILTERS_CHANGE_EVENT, { detail: { filters: [...this.filters] }, bubbles: true, composed: true }),
    );
  }

  #name(station: Station): string {
    if (this.locale === 'en' && station.nameEn) return station.nameEn;
    return station.name || station.nameEn || msg('Public toilet');
  }

  #openState(station: Station): OpenState | undefined {
    return this.hours?.state(station, this.now ?? new Date());
  }

  override render() {
    return html`
      <section class="finder ${this.detailOpen ? 'detail-open' : ''}" aria-labelledby="title">
        <header part="header" class="header">
          <h2 id="title" class="title">${msg('Nearest stations')}</h2>
          <div part="filters" class="chips" role="group" aria-label=${msg('Show only stations with')}>
            ${CHIPS.map(
              (filter) =>
                html`<button
                  part="chip"
                  class="chip"
                  type="button"
                  data-filter=${filter}
                  aria-pressed=${this.filters.includes(filter) ? 'true' : 'false'}
                  @click=${() => this.#toggle(filter)}
                >
                  ${glyph(filter)}<span>${facilityLabel(filter)}</span>${this.filters.includes(filter) ? glyph('check', 'glyph tick') : nothing}
                </button>`,
            )}
          </div>
        </header>
        ${this.#renderBanner()}
        <div class="body">
          <div class="side" part="side">${this.detailOpen ? this.#renderDetail() : this.#renderList()}</div>
          <div class="map-wrap" part="map">
            <div class="map"></div>
            ${this.#renderMapChrome()}
          </div>
        </div>
      </section>
    `;
  }

  #renderBanner(): TemplateResult | typeof nothing {
    switch (this.status) {
      case 'loading':
        return this.collection ? nothing : html`<ck-status-banner state="loading" reason=${msg('Finding stations near you…')}></ck-status-banner>`;
      case 'offline':
        return html`<ck-status-banner
          state="offline"
          retryable
          reason=${this.collection && this.fetchedAt
            ? msg(str`No connection: showing the stations saved on ${formatDate(this.fetchedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: this.timeZone })}.`)
            : this.reason}
          @ck-retry=${() => void this.reload()}
        ></ck-status-banner>`;
      case 'error':
        return html`<ck-status-banner state="error" retryable reason=${this.reason} @ck-retry=${() => void this.reload()}></ck-status-banner>`;
      case 'no-position':
        return html`<ck-status-banner state="info" reason=${msg('This kiosk does not know where it is, so distances cannot be shown. Please tell the staff.')}></ck-status-banner>`;
      default:
        return nothing;
    }
  }

  #renderList(): TemplateResult {
    if (!this.collection || !this.origin) return html``;
    const km = this.radiusKm;
    if (this.filters.includes('open_now') && !this.hours) {
      return html`<p class="summary" part="summary" role="status">${msg('Checking opening hours…')}</p>`;
    }
    if (this.#results.length === 0) return this.#renderEmpty(km);
    return html`
      <p class="summary" part="summary" role="status">
        ${msg(str`${this.#results.length} nearest within ${formatDistance(km * 1000)}, by walking distance`)}
      </p>
      <ol class="list" part="list" aria-label=${msg('Nearest stations')}>
        ${this.#results.map((item, i) => this.#renderRow(item, i + 1))}
      </ol>
    `;
  }

  #renderEmpty(km: number): TemplateResult {
    const suggestion = this.#suggestion;
    const distance = formatDistance(km * 1000);
    return html`<div class="empty" part="empty" role="status">
      ${glyph('unknown', 'glyph empty-glyph')}
      <p class="empty-title">
        ${this.filters.length
          ? msg(str`No station has all of these within ${distance}.`)
          : msg(str`No station within ${distance}.`)}
      </p>
      ${suggestion
        ? html`<p>
              ${msg(
                str`Without "${facilityLabel(suggestion.drop)}", the nearest is ${this.#name(suggestion.nearest.station)}, ${formatDistance(suggestion.nearest.distance)} away.`,
              )}
            </p>
            <button class="action" type="button" data-drop=${suggestion.drop} @click=${() => this.#toggle(suggestion.drop)}>
              ${glyph(suggestion.drop)}<span>${msg(str`Show stations without "${facilityLabel(suggestion.drop)}"`)}</span>
            </button>`
        : this.filters.length
          ? html`<p>${msg('Try turning off some filters.')}</p>
              <button class="action" type="button" data-clear @click=${this.#clearFilters}>${msg('Turn off all filters')}</button>`
          : nothing}
    </div>`;
  }

  #clearFilters = () => {
    this.#chipsChanged = true;
    this.filters = [];
    this.#fitMap = true;
    this.dispatchEvent(new CustomEvent<FiltersChangeDetail>(FILTERS_CHANGE_EVENT, { detail: { filters: [] }, bubbles: true, composed: true }));
  };

  #renderRow({ station, distance, minutes }: NearbyStation, rank: number): TemplateResult {
    const selected = station.id === this.selectedId;
    const secondary = this.locale === 'en' && station.nameEn && station.name ? station.name : undefined;
    return html`<li>
      <button
        part="row"
        class="row"
        type="button"
        data-id=${station.id}
        aria-current=${selected ? 'true' : 'false'}
        @click=${() => this.select(station.id)}
      >
        <span class="rank" aria-hidden="true">${rank}</span>
        <span class="main">
          <span class="name"><span class="visually-hidden">${msg(str`Number ${rank}:`)} </span>${this.#name(station)}</span>
          ${secondary ? html`<span class="alt-name" lang="zh-CN">${secondary}</span>` : nothing}
          ${this.#renderOpen(station)}
          <span class="facilities">${station.facilities.map((f) => html`<span class="facility">${glyph(f)}${facilityLabel(f)}</span>`)}</span>
          ${station.official?.name || station.official?.phone
            ? html`<span class="official">${glyph('person')}${station.official.name ? msg(str`Official: ${station.official.name}`) : msg('Official')}
                ${station.official.phone ? html`<span class="phone">${glyph('phone')}${station.official.phone}</span>` : nothing}</span>`
            : nothing}
        </span>
        <span class="distance">
          <span class="meters">${formatDistance(distance)}</span>
          <span class="minutes">${glyph('walk')}${msg(str`${formatMinutes(minutes)} on foot`)}</span>
        </span>
      </button>
    </li>`;
  }

  #renderOpen(station: Station): TemplateResult {
    const open = this.#openState(station);
    if (!open) return html`<span class="open pending">${glyph('open_now')}${msg('Checking hours…')}</span>`;
    switch (open.state) {
      case 'open':
        return html`<span class="open is-open" data-state="open">${glyph('open')}${open.allDay
            ? msg('Open 24 hours')
            : open.closesAt
              ? msg(str`Open · closes at ${open.closesAt}`)
              : msg('Open now')}</span>`;
      case 'closed':
        return html`<span class="open is-closed" data-state="closed">${glyph('closed')}${open.opensAt ? msg(str`Closed · opens at ${open.opensAt}`) : msg('Closed')}</span>`;
      default:
        return html`<span class="open is-unknown" data-state="unknown">${glyph('unknown')}${msg('Hours unknown')}</span>`;
    }
  }

  #renderDetail(): TemplateResult {
    const station = this.#stationById(this.selectedId);
    const origin = this.origin;
    if (!station || !origin) return this.#renderList();
    const way = walkingDirections(origin, station);
    const name = this.#name(station);
    const url = routeUrl(this.routeUrlTemplate, station, this.routeCoordinates, origin);
    const week = this.hours?.week(station, this.now ?? new Date());
    return html`<article class="detail" part="detail" aria-labelledby="detail-title">
      <div class="detail-head">
        <button class="back" type="button" @click=${this.#closeDetail}>${glyph('back')}<span>${msg('Back to the list')}</span></button>
        <h3 id="detail-title" class="detail-title">${name}</h3>
      </div>
      <div class="detail-head">
        ${this.locale === 'en' && station.nameEn && station.name ? html`<p class="alt-name" lang="zh-CN">${station.name}</p>` : nothing}
        ${this.#renderOpen(station)}
      </div>
      <p class="directions">
        ${glyph('walk')}
        <span>${msg(str`Walk about ${formatDistance(way.walking)} to the ${compassLabel(way.direction)} — about ${formatMinutes(way.minutes)}.`)}</span>
      </p>
      <div class="detail-grid">
        <section class="route" aria-labelledby="route-title">
          <h4 id="route-title">${msg('Take the route on your phone')}</h4>
          <ck-qr-code part="qr" .value=${url} label=${msg(str`Walking route to ${name}`)} size="220"></ck-qr-code>
          <p class="hint">${msg('Scan with your phone camera to open the walking route in your map app.')}</p>
        </section>
        <section aria-labelledby="fac-title">
          <h4 id="fac-title">${msg('Facilities')}</h4>
          <ul class="facility-list">
            ${FACILITIES.map((f) => {
              const has = station.facilities.includes(f);
              return html`<li class=${has ? 'has' : 'lacks'}>
                ${glyph(f)}<span>${facilityLabel(f)}</span><span class="yn">${has ? msg('Yes') : msg('No')}</span>
              </li>`;
            })}
          </ul>
        </section>
        <section aria-labelledby="hours-title">
          <h4 id="hours-title">${msg('Opening hours')}</h4>
          ${week ? html`<ul class="week">${week.map((line) => this.#renderWeekLine(line))}</ul>` : html`<p>${msg('Hours unknown')}</p>`}
          <h4>${msg('Responsible official')}</h4>
          <p class="official">
            ${glyph('person')}<span>${station.official?.name ?? msg('Not listed')}</span>
            ${station.official?.phone ? html`<span class="phone">${glyph('phone')}${station.official.phone}</span>` : nothing}
          </p>
          ${station.phone ? html`<p class="official station-phone">${glyph('phone')}<span>${msg(str`Station phone: ${station.phone}`)}</span></p>` : nothing}
          ${station.operator ? html`<p class="muted">${msg(str`Run by ${station.operator}`)}</p>` : nothing}
          <p class="muted verified">
            ${glyph('verified')}${station.verified
              ? msg(str`Information checked on ${formatDate(station.verified, { dateStyle: 'long' })}`)
              : msg('Not yet checked on site')}
          </p>
        </section>
      </div>
    </article>`;
  }

  #renderWeekLine(line: WeekLine): TemplateResult {
    const days = this.#dayRanges(line.days);
    const hours = line.intervals.length === 0
      ? msg('closed')
      : line.intervals.length === 1 && line.intervals[0]![0] === '00:00' && line.intervals[0]![1] === '24:00'
        ? msg('open 24 hours')
        : line.intervals.map(([a, b]) => `${a}–${b}`).join(', ');
    return html`<li><span class="days">${days}</span><span>${hours}</span></li>`;
  }

  /** [1,2,3,4,5] -> "Mon–Fri", [6,0] -> "Sat, Sun" (Monday first). */
  #dayRanges(days: number[]): string {
    if (days.length === 7) return msg('Every day');
    const fmt = new Intl.DateTimeFormat(this.locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-07 was a Sunday.
    const dayName = (day: number) => fmt.format(new Date(Date.UTC(2024, 0, 7 + day)));
    const order = days.map((d) => (d + 6) % 7);
    const ranges: string[] = [];
    for (let i = 0; i < order.length; i++) {
      let j = i;
      while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
      const from = dayName((order[i]! + 1) % 7);
      const to = dayName((order[j]! + 1) % 7);
      ranges.push(j - i >= 2 ? `${from}–${to}` : j > i ? `${from}, ${to}` : from);
      i = j;
    }
    return ranges.join(', ');
  }

  #closeDetail = () => {
    const id = this.selectedId;
    this.detailOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id ?? '')}"]`)?.focus());
  };

  #renderMapChrome(): TemplateResult {
    const noTiles = !this.tileUrl || this.tilesFailed;
    return html`
      <div class="map-controls">
        <button type="button" class="map-button" aria-label=${msg('Zoom in')} @click=${() => this.#map?.zoomBy(1)}>+</button>
        <button type="button" class="map-button" aria-label=${msg('Zoom out')} @click=${() => this.#map?.zoomBy(-1)}>−</button>
      </div>
      ${this.scale
        ? html`<div class="scale" aria-hidden="true">
            <svg class="scale-bar" width=${this.scale.pixels} height="12" viewBox="0 0 ${this.scale.pixels} 12" aria-hidden="true">
              <path d="M1 0V11H${this.scale.pixels - 1}V0" fill="none" stroke="currentColor" stroke-width="2"></path>
            </svg><span>${formatDistance(this.scale.meters)}</span>
          </div>`
        : nothing}
      <p class="map-note">
        ${noTiles
          ? this.tileUrl
            ? msg('Street map unavailable offline: stations and this kiosk are shown to scale.')
            : msg('Stations and this kiosk, to scale.')
          : this.tileAttribution}
      </p>
    `;
  }
}
