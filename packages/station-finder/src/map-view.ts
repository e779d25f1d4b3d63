import * as L from 'leaflet/dist/leaflet-src.esm.js';
import Supercluster from 'supercluster';
import { html, render, type TemplateResult } from 'lit';
import { glyph } from './icons.js';
import type { LonLat, Station } from './types.js';

/** Everything the map says, in the visitor's language (the element owns the strings). */
export interface MapLabels {
  here: string;
  station: (station: Station, rank: number | undefined) => string;
  cluster: (count: number) => string;
  map: string;
}

export interface MapViewOptions {
  tileUrl: string;
  labels: MapLabels;
  /** A station marker was tapped (or chosen with Enter). */
  onSelect: (id: string) => void;
  /** The view changed: metres that `pixels` CSS pixels span at the map's centre, for the scale bar. */
  onScale: (meters: number, pixels: number) => void;
  /** Tiles failed to load (offline): the map keeps working without them. */
  onTileError: () => void;
}

export interface MapContent {
  kiosk: LonLat;
  /** The nearest stations, numbered like the list. */
  listed: readonly Station[];
  /** Other matching stations nearby, clustered when crowded. */
  others: readonly Station[];
  selectedId?: string;
  /** Fit the view to the kiosk and the listed stations. */
  fit?: boolean;
}

const SCALE_MAX_PX = 120;

function niceMeters(max: number): number {
  const pow = 10 ** Math.floor(Math.log10(max));
  const d = max / pow;
  return pow * (d >= 5 ? 5 : d >= 2 ? 2 : 1);
}

function dom(template: TemplateResult): HTMLElement {
  const holder = document.createElement('div');
  render(template, holder);
  return holder;
}

/**
 * The Leaflet map beside the list: divIcon markers drawn as DOM nodes (no
 * HTML strings, so Trusted Types hold), supercluster for crowded areas, a
 * "you are here" marker, and no dependence on tiles. Zoom buttons, scale
 * bar and attribution are drawn by the element, because Leaflet's own
 * controls write `innerHTML` strings.
 */
export class MapView {
  readonly map: L.Map;
  readonly #options: MapViewOptions;
  #labels: MapLabels;
  readonly #layer = L.layerGroup();
  readonly #markers = new Map<string, L.Marker>();
  #kioskMarker: L.Marker | undefined;
  #index: Supercluster | undefined;
  #others: readonly Station[] = [];
  #listed: readonly Station[] = [];
  #selectedId: string | undefined;
  #tiles: L.TileLayer | undefined;

  constructor(container: HTMLElement, options: MapViewOptions) {
    this.#options = options;
    this.#labels = options.labels;
    this.map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      minZoom: 3,
      maxZoom: 19,
      zoomSnap: 1,
      keyboard: true,
      tapHold: false,
    });
    container.setAttribute('aria-label', options.labels.map);
    container.setAttribute('role', 'region');
    this.#layer.addTo(this.map);
    this.setTiles(options.tileUrl);
    this.map.on('moveend zoomend', () => {
      this.#drawClusters();
      this.#reportScale();
    });
    this.map.on('resize', () => this.#placeHereLabel());
  }

  setTiles(url: string): void {
    this.#tiles?.remove();
    this.#tiles = undefined;
    if (!url) return;
    this.#tiles = L.tileLayer(url, { maxZoom: 19, crossOrigin: true });
    this.#tiles.on('tileerror', () => this.#options.onTileError());
    this.#tiles.addTo(this.map);
  }

  update({ kiosk, listed, others, selectedId, fit }: MapContent): void {
    this.#listed = listed;
    this.#selectedId = selectedId;
    if (others !== this.#others || !this.#index) {
      // The listed stations have numbered pins: clusters count only the others.
      const listedIds = new Set(listed.map((station) => station.id));
      others = others.filter((station) => !listedIds.has(station.id));
      this.#others = others;
      this.#index = new Supercluster({ radius: 56, maxZoom: 17, minPoints: 2 });
      this.#index.load(
        others.map((station, i) => ({
          type: 'Feature' as const,
          properties: { i },
          geometry: { type: 'Point' as const, coordinates: [station.lon, station.lat] },
        })),
      );
    }
    this.#drawKiosk(kiosk);
    if (fit) {
      const points = [kiosk, ...listed].map((p) => L.latLng(p.lat, p.lon));
      if (points.length > 1) this.map.fitBounds(L.latLngBounds(points), { padding: [48, 48], maxZoom: 17, animate: false });
      else this.map.setView([kiosk.lat, kiosk.lon], 16, { animate: false });
    }
    this.#drawClusters();
    this.#reportScale();
  }

  /**
   * New words (the locale changed): the map's name, "You are here" and
   * every marker's label are redrawn, since Leaflet keeps them outside
   * the element's render.
   */
  setLabels(labels: MapLabels): void {
    this.#labels = labels;
    this.map.getContainer().setAttribute('aria-label', labels.map);
    const label = this.#kioskMarker?.getElement()?.querySelector('.here-label');
    if (label) label.textContent = labels.here;
    this.relayout();
  }

  /** Sizes changed (elder or high-contrast theme, a resize): markers are redrawn and measured again. */
  relayout(): void {
    this.map.invalidateSize({ animate: false });
    this.#drawClusters();
  }

  /** Highlights a station's marker (and keeps it in view). */
  select(id: string | undefined): void {
    this.#selectedId = id;
    for (const [markerId, marker] of this.#markers) {
      const selected = markerId === id;
      marker.getElement()?.classList.toggle('selected', selected);
      marker.setZIndexOffset(selected ? 1000 : 0);
      if (selected && !this.map.getBounds().pad(-0.1).contains(marker.getLatLng())) this.map.panTo(marker.getLatLng(), { animate: false });
    }
  }

  zoomBy(delta: number): void {
    this.map.setZoom(this.map.getZoom() + delta, { animate: false });
  }

  resize(): void {
    this.map.invalidateSize({ animate: false });
  }

  destroy(): void {
    this.map.remove();
  }

  #drawKiosk(kiosk: LonLat): void {
    const latLng = L.latLng(kiosk.lat, kiosk.lon);
    if (this.#kioskMarker) {
      this.#kioskMarker.setLatLng(latLng);
      return;
    }
    const icon = L.divIcon({
      className: 'ck-here',
      html: dom(html`<span class="here-dot">${glyph('here')}</span><span class="here-label">${this.#labels.here}</span>`),
      iconSize: [0, 0],
    });
    // Under every pin, so it never hides a station; its label goes to the side with no pins (#placeHereLabel).
    this.#kioskMarker = L.marker(latLng, { icon, keyboard: false, interactive: false, zIndexOffset: -5000 }).addTo(this.map);
  }

  /** Puts "you are here" on the side of the dot (right, left, below, above) that covers the fewest pins. */
  #placeHereLabel(): void {
    const element = this.#kioskMarker?.getElement();
    const label = element?.querySelector<HTMLElement>('.here-label');
    const dot = element?.querySelector<HTMLElement>('.here-dot');
    if (!element || !label || !dot) return;
    const box = (el: Element) => el.getBoundingClientRect();
    // Measured on screen, so the pins' real (theme-dependent) sizes count.
    const d = box(dot);
    const w = label.offsetWidth;
    const h = label.offsetHeight;
    const pins = this.#layer.getLayers().flatMap((m) => {
      const el = (m as L.Marker).getElement?.()?.firstElementChild;
      return el ? [box(el)] : [];
    });
    const cx = (d.left + d.right) / 2;
    const cy = (d.top + d.bottom) / 2;
    const gap = 4;
    const sides = {
      right: [d.right + gap, cy - h / 2],
      left: [d.left - gap - w, cy - h / 2],
      below: [cx - w / 2, d.bottom + gap],
      above: [cx - w / 2, d.top - gap - h],
    } as const;
    let best = 'right';
    let fewest = Infinity;
    for (const [side, [x, y]] of Object.entries(sides)) {
      const hits = pins.filter((p) => p.left < x + w && p.right > x && p.top < y + h && p.bottom > y).length;
      if (hits < fewest) [best, fewest] = [side, hits];
    }
    element.dataset['label'] = best;
  }

  #drawClusters(): void {
    this.#layer.clearLayers();
    this.#markers.clear();
    const ranked = new Set(this.#listed.map((s) => s.id));
    this.#listed.forEach((station, i) => this.#stationMarker(station, i + 1));
    if (this.#index) this.#drawOthers(this.#index, ranked);
    // The label first takes the side with the fewest pins; then the pins make way for it and for one another.
    this.#placeHereLabel();
    this.#spread();
  }

  /**
   * Markers that would cover one another (stations a few metres apart),
   * "you are here" or its label are moved aside to the first free place
   * around their point: the numbered pins first, in rank order, then the
   * other stations and the clusters. Each number stays readable and
   * tappable. Measured on screen, so elder-mode sizes count.
   */
  #spread(): void {
    const here = this.#kioskMarker?.getElement();
    const placed: DOMRect[] = [];
    for (const part of here ? here.querySelectorAll('.here-dot, .here-label') : []) placed.push(part.getBoundingClientRect());
    const hits = (r: DOMRect, dx: number, dy: number) =>
      placed.some((p) => p.left < r.right + dx && p.right > r.left + dx && p.top < r.bottom + dy && p.bottom > r.top + dy);
    const ranked = this.#listed.map((station) => this.#markers.get(station.id)?.getElement());
    const rankedSet = new Set(ranked);
    const others = this.#layer
      .getLayers()
      .map((layer) => (layer as L.Marker).getElement?.())
      .filter((element) => element && !rankedSet.has(element));
    for (const marker of [...ranked, ...others]) {
      const pin = marker?.firstElementChild as HTMLElement | null | undefined;
      if (!pin) continue;
      pin.style.transform = '';
      const box = pin.getBoundingClientRect();
      if (!box.width) continue;
      const w = box.width + 2;
      const h = box.height + 2;
      const moves: [number, number][] = [[0, 0], [0, -h], [w, 0], [w, -h], [-w, 0], [-w, -h], [0, h], [w, h], [-w, h], [0, -2 * h], [2 * w, 0], [-2 * w, 0], [0, 2 * h]];
      const [dx, dy] = moves.find(([x, y]) => !hits(box, x, y)) ?? [0, 0];
      if (dx || dy) pin.style.transform = `translate(${dx}px, ${dy}px)`;
      marker!.classList.toggle('moved', Boolean(dx || dy));
      placed.push(new DOMRect(box.x + dx, box.y + dy, box.width, box.height));
    }
  }

  #drawOthers(index: Supercluster, ranked: Set<string>): void {
    const b = this.map.getBounds();
    const zoom = Math.round(this.map.getZoom());
    for (const feature of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
      if (props.cluster) {
        const count = props.point_count ?? 0;
        const label = this.#labels.cluster(count);
        // Sized and centred by the styles (with the touch target, so they grow in elder mode).
        const icon = L.divIcon({ className: 'ck-cluster', html: dom(html`<span aria-hidden="true">${count}</span>`), iconSize: [0, 0] });
        const marker = L.marker([lat, lon], { icon, keyboard: true, title: label });
        marker.on('click', () => {
          const zoomTo = Math.min(index.getClusterExpansionZoom(props.cluster_id!), 19);
          this.map.setView([lat, lon], zoomTo, { animate: false });
        });
        marker.on('add', () => marker.getElement()?.setAttribute('aria-label', label));
        this.#layer.addLayer(marker);
      } else {
        const station = this.#others[props.i!];
        if (station && !ranked.has(station.id)) this.#stationMarker(station, undefined);
      }
    }
  }

  #stationMarker(station: Station, rank: number | undefined): void {
    const label = this.#labels.station(station, rank);
    const selected = station.id === this.#selectedId;
    const content = dom(
      rank
        ? html`<span class="pin-rank" aria-hidden="true">${rank}</span>${glyph(station.facilities.includes('wheelchair') ? 'wheelchair' : 'toilets', 'pin-glyph')}`
        : glyph(station.facilities.includes('wheelchair') ? 'wheelchair' : 'toilets', 'pin-glyph'),
    );
    const icon = L.divIcon({
      className: `ck-pin ${rank ? 'ranked' : 'minor'}${selected ? ' selected' : ''}`,
      html: content,
      // Sized and anchored by the styles (with the touch target, so pins grow in elder mode).
      iconSize: [0, 0],
    });
    const marker = L.marker([station.lat, station.lon], { icon, keyboard: true, title: label, zIndexOffset: selected ? 1000 : rank ? 500 : 0, riseOnHover: true });
    marker.on('click', () => this.#options.onSelect(station.id));
    marker.on('add', () => {
      const element = marker.getElement();
      element?.setAttribute('aria-label', label);
      element?.setAttribute('data-id', station.id);
    });
    this.#layer.addLayer(marker);
    this.#markers.set(station.id, marker);
  }

  #reportScale(): void {
    const size = this.map.getSize();
    if (!size.x) return;
    const y = size.y / 2;
    const meters = this.map.distance(this.map.containerPointToLatLng([0, y]), this.map.containerPointToLatLng([SCALE_MAX_PX, y]));
    const nice = niceMeters(meters);
    this.#options.onScale(nice, Math.round((SCALE_MAX_PX * nice) / meters));
  }
}
