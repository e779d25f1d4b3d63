import type { ReactiveController, ReactiveElement } from 'lit';
import { afterPaint } from './data-task.js';
import { loadMapView } from './map-loader.js';
import type { MapLabels, MapView } from './map-view.js';
import type { LonLat, Station } from './types.js';

/** What the map shows, asked for when it draws (the other stations are looked up only then). */
export interface MapState {
  origin: LonLat | undefined;
  /** Changes whenever the list's query changes. */
  key: string;
  listed: readonly Station[];
  others: () => readonly Station[];
  selectedId: string | undefined;
  tileUrl: string;
  labels: MapLabels;
}

export interface MapCallbacks {
  container: () => HTMLElement | null;
  onSelect: (id: string) => void;
  onScale: (meters: number, pixels: number) => void;
  onTileError: () => void;
}

/**
 * The Leaflet map of the finder: loaded on demand after the list is on
 * screen (Leaflet and its styles are not in the first bundle), drawn again
 * only when the list's query changed, relabelled when the locale changes,
 * remeasured when the theme or the size changes, removed on disconnect.
 */
export class FinderMapController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #callbacks: MapCallbacks;
  #view: MapView | undefined;
  #creating: Promise<void> | undefined;
  #resize: ResizeObserver | undefined;
  #drawnKey = '';
  #fit = true;
  #labels: MapLabels | undefined;
  #tileUrl = '';
  #state: (() => MapState) | undefined;

  constructor(host: ReactiveElement, callbacks: MapCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Resolves when the map (loaded on demand) is drawn. */
  get ready(): Promise<void> {
    return this.#creating ?? Promise.resolve();
  }

  /** Fit the view to the kiosk and the listed stations at the next draw. */
  fitNext(): void {
    this.#fit = true;
  }

  zoomBy(delta: number): void {
    this.#view?.zoomBy(delta);
  }

  /** Sizes of pins and labels changed (theme): measure again. */
  relayout(): void {
    this.#view?.relayout();
  }

  /** Back on the page: the next render draws the map again. */
  hostConnected(): void {
    if (this.#state) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#view?.destroy();
    this.#view = undefined;
    this.#creating = undefined;
    this.#drawnKey = '';
  }

  /** Called after each render of the host with data on screen. */
  sync(state: () => MapState): void {
    this.#state = state;
    if (!this.#view) {
      if (!this.#creating && this.#callbacks.container() && state().origin) this.#creating = this.#create();
      return;
    }
    this.#draw();
  }

  async #create(): Promise<void> {
    await afterPaint();
    const [{ MapView }, { leafletStyles }, { markerStyles }] = await Promise.all([
      loadMapView(),
      import('./generated/leaflet.styles.js'),
      import('./map.styles.js'),
    ]);
    const container = this.#callbacks.container();
    const state = this.#state?.();
    if (!container || !this.#host.isConnected || !state) {
      this.#creating = undefined;
      return;
    }
    // Leaflet's rules first, so the finder's own marker and map styles win.
    const root = this.#host.shadowRoot;
    if (root && leafletStyles.styleSheet && !root.adoptedStyleSheets.includes(leafletStyles.styleSheet)) {
      root.adoptedStyleSheets = [leafletStyles.styleSheet, ...root.adoptedStyleSheets, markerStyles.styleSheet!];
    }
    this.#labels = state.labels;
    this.#tileUrl = state.tileUrl;
    this.#view = new MapView(container, { ...this.#callbacks, tileUrl: state.tileUrl, labels: state.labels });
    this.#resize = new ResizeObserver(() => this.#view?.resize());
    this.#resize.observe(container);
    this.#fit = true;
    this.#drawnKey = '';
    this.#draw();
  }

  #draw(): void {
    const view = this.#view;
    const state = this.#state?.();
    if (!view || !state?.origin) return;
    if (state.tileUrl !== this.#tileUrl) {
      this.#tileUrl = state.tileUrl;
      view.setTiles(state.tileUrl);
    }
    if (!sameLabels(state.labels, this.#labels)) {
      this.#labels = state.labels;
      view.setLabels(state.labels);
    }
    if (this.#drawnKey !== state.key || this.#fit) {
      this.#drawnKey = state.key;
      view.update({ kiosk: state.origin, listed: state.listed, others: state.others(), selectedId: state.selectedId, fit: this.#fit });
      this.#fit = false;
    }
    view.select(state.selectedId);
  }
}

/** Labels are made per render; they differ when the words do (the locale changed). */
function sameLabels(a: MapLabels, b: MapLabels | undefined): boolean {
  return !!b && a.here === b.here && a.map === b.map && a.cluster(2) === b.cluster(2);
}
