import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import './define.js';
import { demoStations, generateStations, NINGDE_KIOSK } from './demo.js';
import { InMemoryStationSource } from './source.js';
import type { StationFinder } from './station-finder.js';
import type { StationCollection, StationFilter, StationSource } from './types.js';

/** A fixed clock: Tuesday 6 May 2025, 10:30 in Ningde, so every story shows the same hours. */
const NOW = new Date('2025-05-06T10:30:00+08:00');
const demo = new InMemoryStationSource(demoStations);
const AMAP = 'https://uri.amap.com/navigation?to={lng},{lat},{name}&mode=walk&coordinate=gaode&callnative=1';

let big: InMemoryStationSource | undefined;
/** 100,000 stations around Ningde, generated deterministically on first use. */
const hundredThousand = () => (big ??= new InMemoryStationSource(generateStations(100_000, 7)));

/** The API is unreachable: the last good list from IndexedDB, as HttpStationSource returns it. */
class OfflineSource implements StationSource {
  async load(): Promise<StationCollection> {
    const { stations } = await demo.load();
    return { stations, skipped: 0, offline: true, fetchedAt: '2025-05-06T07:45:00+08:00' };
  }
}

/**
 * The story's own theme plus the toolbar's: elder set on the element must not
 * drop the high contrast chosen in the toolbar (a theme on the host replaces
 * the tokens it names, colours included).
 */
const storyTheme = (own: string, toolbar: unknown) =>
  [...new Set(`${own} ${typeof toolbar === 'string' ? toolbar : ''}`.split(/\s+/).filter(Boolean))].join(' ') || 'standard';

interface Args {
  filters: StationFilter[];
  radiusKm: number;
  limit: number;
  tileUrl: string;
  theme: string;
  source: StationSource;
  routeUrlTemplate: string;
  open?: string;
}

const meta: Meta<Args> = {
  title: 'Services/Station finder',
  component: 'ck-station-finder',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  args: { filters: [], radiusKm: 5, limit: 10, tileUrl: '', theme: '', source: demo, routeUrlTemplate: AMAP },
  argTypes: { source: { control: false } },
  render: (args, context) => html`<ck-station-finder
    .source=${args.source}
    latitude=${NINGDE_KIOSK.lat}
    longitude=${NINGDE_KIOSK.lon}
    .filters=${args.filters}
    radius-km=${args.radiusKm}
    limit=${args.limit}
    tile-url=${args.tileUrl}
    theme=${storyTheme(args.theme, context.globals.theme)}
    route-url-template=${args.routeUrlTemplate}
    route-coordinates="gcj02"
    .now=${NOW}
    ${ref((el) => {
      if (el && args.open) void (el as StationFinder).updateComplete.then(() => (el as StationFinder).select(args.open));
    })}
  ></ck-station-finder>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The first screen: the ten nearest stations by walking distance, and the map. */
export const NearestList: Story = {};

/** "Accessible toilet" and "Mother-and-baby room" on: list and map follow. */
export const FiltersOn: Story = { args: { filters: ['wheelchair', 'baby_change'] } };

/** Nothing within 1 km has both: the finder says which filter to drop. */
export const NoResults: Story = { args: { filters: ['wheelchair', 'charging'], radiusKm: 1 } };

/**
 * A tile server that answers with something that is not a picture, as a
 * captive portal or a broken proxy does offline: every tile fails to load
 * without a network request, so the story shows the no-tiles state and the
 * browser logs nothing.
 */
const BROKEN_TILES = 'data:image/png;base64,Tm90IGEgdGlsZQ==#{z}/{x}/{y}';

/** The API and the tile server are unreachable: the saved list, and a map drawn to scale without tiles. */
export const OfflineMap: Story = { args: { source: new OfflineSource(), tileUrl: BROKEN_TILES } };

/** 100,000 stations: the index is built once, the list answers at once, the map clusters. */
export const HundredThousandStations: Story = {
  args: { filters: ['wheelchair'] },
  render: (args, context) => meta.render!({ ...args, source: hundredThousand() }, context),
};

/** Elder mode (长辈版): larger type and touch targets. */
export const ElderMode: Story = { args: { theme: 'elder' } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** A station's detail: every facility, hours in words, the official, and the route as a QR code (Amap, GCJ-02). */
export const DetailWithQr: Story = { args: { open: 'donghu-park' } };

const listed = (finder: StationFinder) => [...finder.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"][data-id]')].map((row) => row.dataset['id']!);
/** The stations with a numbered pin on the map, in rank order. */
const pinned = (finder: StationFinder) =>
  [...finder.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-marker-pane .ranked[data-id]')]
    .map((pin) => ({ id: pin.dataset['id']!, rank: Number(pin.textContent?.trim().match(/^\d+/)?.[0]) }))
    .sort((a, b) => a.rank - b.rank)
    .map((pin) => pin.id);

/** The visitor touches "Mother-and-baby room": the list keeps only stations with one, and the map's numbered pins follow. */
export const ChipToggled: Story = {
  play: async ({ canvasElement }) => {
    const finder = canvasElement.querySelector<StationFinder>('ck-station-finder')!;
    await waitFor(() => expect(listed(finder)).toHaveLength(10), { timeout: 10_000 });
    await waitFor(() => expect(pinned(finder)).toEqual(listed(finder)), { timeout: 10_000 });
    const before = listed(finder);
    const changes: string[][] = [];
    finder.addEventListener('ck-filters-change', (event) => changes.push([...(event as CustomEvent<{ filters: string[] }>).detail.filters]));

    const chip = finder.shadowRoot!.querySelector<HTMLElement>('[part~="chip"][data-filter="baby_change"]')!;
    await userEvent.click(chip);
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(changes).toEqual([['baby_change']]);
    await waitFor(() => expect(listed(finder)).not.toEqual(before));
    await expect(finder.results.every(({ station }) => station.facilities.includes('baby_change'))).toBe(true);
    await expect(listed(finder)).toEqual(finder.results.map(({ station }) => station.id));
    await waitFor(() => expect(pinned(finder)).toEqual(listed(finder)), { timeout: 10_000 });
  },
};
