import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createSession, provideSession, setLocale } from '@civic-kiosk/core';
import '../src/define.js';
import { clearCache, writeCache } from '../src/cache.js';
import { generateStations } from '../src/demo.js';
import { wgs84ToGcj02 } from '../src/gcj02.js';
import { InMemoryStationSource } from '../src/source.js';
import { parseStations } from '../src/parse.js';
import { visitorNearest } from '../src/spatial.js';
import { StationIndex } from '../src/station-index.js';
import type { StationFinder, StationSelectDetail } from '../src/station-finder.js';
import type { StationFilter, StationSource } from '../src/types.js';
import { beijing, chip, feature, fiveStations, kiosk, names, rows } from './helpers.js';

const NOON = beijing('2025-05-06T12:00:00');
const AMAP = 'https://uri.amap.com/navigation?to={lng},{lat},{name}&mode=walk';

async function finder(options: { source?: StationSource; filters?: StationFilter[]; now?: Date; limit?: number; extra?: Partial<StationFinder> } = {}) {
  const el = await fixture<StationFinder>(html`<ck-station-finder
    .source=${options.source ?? new InMemoryStationSource(fiveStations)}
    latitude=${kiosk.lat}
    longitude=${kiosk.lon}
    .now=${options.now ?? NOON}
    .filters=${options.filters ?? []}
    limit=${options.limit ?? 10}
    route-url-template=${AMAP}
    route-coordinates="gcj02"
  ></ck-station-finder>`);
  Object.assign(el, options.extra ?? {});
  await el.taskComplete;
  return el;
}

const shadow = (el: StationFinder) => el.shadowRoot!;
const markerIds = (el: StationFinder) => [...shadow(el).querySelectorAll<HTMLElement>('.leaflet-marker-icon[data-id]')].map((m) => m.dataset.id);
const scaleText = (el: StationFinder) => shadow(el).querySelector('.scale')?.textContent?.trim() ?? '';
const INDEX_MARK = 'ck-station-finder:index';

describe('ck-station-finder', () => {
  before(() => setLocale('en'));
  after(() => setLocale('zh-CN'));

  it('lists the three nearest open stations with an accessible toilet', async () => {
    const el = await finder({ filters: ['wheelchair', 'open_now'], limit: 3 });
    expect(names(el)).to.deep.equal(['Dongqiao Park', 'Nanmen', 'Riverside']);
    await expect(el).to.be.accessible();
  });

  it('shows distance, minutes on foot, facilities in words, hours and the official in each row', async () => {
    const el = await finder();
    const [first, second, , , fifth] = rows(el);
    expect(first!.querySelector('.meters')!.textContent).to.equal('130 m');
    expect(first!.querySelector('.minutes')!.textContent).to.contain('2 min on foot');
    expect(first!.querySelector('.facilities')!.textContent).to.contain('Accessible toilet');
    expect(first!.querySelector('.open')!.textContent).to.contain('Open · closes at 22:00');
    expect(first!.querySelector('.official')!.textContent).to.contain('林建华').and.contain('139 0593 0121');
    expect(second!.querySelector('.open')!.textContent).to.contain('Closed');
    expect(rows(el)[2]!.querySelector('.open')!.textContent).to.contain('Open 24 hours');
    expect(fifth!.querySelector('.alt-name')!.textContent).to.equal('滨江驿站');
    expect(shadow(el).querySelector('.summary')!.textContent).to.contain('5 nearest within 5 km');
    await expect(el).to.be.accessible();
  });

  it('says when a closed station opens, and "hours unknown" for unreadable hours', async () => {
    const source = new InMemoryStationSource([
      feature('x', 119.541, 26.66, { name: '甲', opening_hours: '06:00-22:00' }),
      feature('y', 119.542, 26.66, { name: '乙', opening_hours: 'when the guard is in' }),
      feature('z', 119.543, 26.66, { name: '丙' }),
    ]);
    const el = await finder({ source, now: beijing('2025-05-06T05:00:00') });
    const states = rows(el).map((row) => row.querySelector('.open')!.textContent.trim());
    expect(states).to.deep.equal(['Closed · opens at 06:00', 'Hours unknown', 'Hours unknown']);
    await expect(el).to.be.accessible();
  });

  it('filters with toggle chips; list and map update together', async () => {
    const el = await finder();
    await el.mapReady;
    expect(markerIds(el)).to.have.length(5);
    const changes: StationFilter[][] = [];
    el.addEventListener('ck-filters-change', (e) => changes.push((e as CustomEvent<{ filters: StationFilter[] }>).detail.filters));
    chip(el, 'drinking_water').click();
    await el.updateComplete;
    expect(chip(el, 'drinking_water').getAttribute('aria-pressed')).to.equal('true');
    expect(names(el)).to.deep.equal(['Xihu']);
    expect(markerIds(el)).to.deep.equal(['d']);
    chip(el, 'drinking_water').click();
    await el.updateComplete;
    expect(names(el)).to.have.length(5);
    expect(changes).to.deep.equal([['drinking_water'], []]);
    await expect(el).to.be.accessible();
  });

  it('says when no station has all the filters, and which one to drop', async () => {
    const el = await finder({ filters: ['wheelchair', 'drinking_water'] });
    const empty = shadow(el).querySelector('[part="empty"]')!;
    expect(empty.textContent).to.contain('No station has all of these within 5 km');
    expect(empty.textContent).to.contain('Without "Drinking water", the nearest is Dongqiao Park');
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('[data-drop]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.filters).to.deep.equal(['wheelchair']);
    expect(names(el)[0]).to.equal('Dongqiao Park');
    // The outside value is kept apart: idle brings it back.
    window.dispatchEvent(new CustomEvent('ck-idle'));
    await el.updateComplete;
    expect(el.filters).to.deep.equal(['wheelchair', 'drinking_water']);
  });

  it('offers to turn every filter off when dropping one is not enough', async () => {
    const el = await finder({ filters: ['wifi', 'charging'] });
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('Try turning off some filters');
    (shadow(el).querySelector('[data-clear]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.filters).to.deep.equal([]);
    expect(rows(el)).to.have.length(5);
    el.filters = [];
    el.radiusKm = 0.01;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('No station within 10 m');
  });

  it('opens a detail with every facility, hours in words, the official and a QR code in GCJ-02', async () => {
    const el = await finder();
    const selected = oneEvent(el, 'ck-station-select');
    rows(el)[0]!.click();
    const { detail } = (await selected) as CustomEvent<StationSelectDetail>;
    expect(detail.station.id).to.equal('a');
    await el.updateComplete;
    const panel = shadow(el).querySelector('[part="detail"]')!;
    expect(panel.querySelector('h3')!.textContent).to.equal('Dongqiao Park');
    expect(panel.querySelectorAll('.facility-list li')).to.have.length(8);
    expect(panel.querySelector('.facility-list .has')!.textContent).to.contain('Toilets');
    expect(panel.querySelector('.week')!.textContent).to.contain('Every day').and.contain('06:00–22:00');
    expect(panel.textContent).to.contain('林建华').and.contain('Not yet checked on site');
    expect(panel.querySelector('.directions')!.textContent).to.contain('Walk about 130 m to the east');
    const qr = panel.querySelector('ck-qr-code') as HTMLElement & { value: string };
    const gcj = wgs84ToGcj02({ lon: 119.541, lat: 26.66 });
    expect(qr.value).to.contain(`to=${gcj.lon.toFixed(6)},${gcj.lat.toFixed(6)},`);
    await expect(el).to.be.accessible();
    (panel.querySelector('.back') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="detail"]')).to.equal(null);
    expect(rows(el)[0]!.getAttribute('aria-current')).to.equal('true');
  });

  it('opens a detail at its top, wherever the list was scrolled', async () => {
    const el = await finder({ source: new InMemoryStationSource(generateStations(200, 3, kiosk, 0.01)) });
    el.style.cssText = 'display:block;height:600px';
    el.fill = true;
    await el.updateComplete;
    const side = shadow(el).querySelector<HTMLElement>('.side')!;
    side.scrollTop = side.scrollHeight;
    await waitUntil(() => side.scrollTop > 0, 'the list scrolled');
    rows(el).at(-1)!.click();
    await el.updateComplete;
    expect(side.scrollTop).to.equal(0);
    expect(shadow(el).querySelector('[part="detail"] .back')).to.not.equal(null);
  });

  it('select() shows a station without firing ck-station-select (only the visitor does)', async () => {
    const el = await finder();
    const fired: unknown[] = [];
    el.addEventListener('ck-station-select', (e) => fired.push(e));
    el.select('b');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="detail"] h3')!.textContent).to.equal('Beimen');
    expect(fired).to.have.length(0);
    (shadow(el).querySelector('.back') as HTMLButtonElement).click();
    await el.updateComplete;
    rows(el)[1]!.click();
    expect(fired).to.have.length(1);
  });

  it('words hours by day ranges, checked dates and the operator', async () => {
    const source = new InMemoryStationSource([
      feature('w', 119.541, 26.66, { name: '周末站', opening_hours: 'Mo-Fr 07:00-21:00; Sa 06:00-12:00; Su off', operator: '城管局', check_date: '2025-03-18', 'contact:phone': '0593-1' }),
      feature('v', 119.542, 26.66, { name: '零星站', opening_hours: 'Mo,We 08:00-09:00' }),
      feature('u', 119.543, 26.66, { name: '未知站' }),
    ]);
    const el = await finder({ source });
    el.select('w');
    await el.updateComplete;
    let panel = shadow(el).querySelector('[part="detail"]')!;
    expect(panel.querySelector('.week')!.textContent).to.match(/Mon–Fri\s*07:00–21:00/).and.match(/Sat\s*06:00–12:00/).and.match(/Sun\s*closed/);
    expect(panel.textContent).to.contain('Run by 城管局').and.contain('Station phone: 0593-1').and.contain('Information checked on March 18, 2025');
    el.select('v');
    await el.updateComplete;
    panel = shadow(el).querySelector('[part="detail"]')!;
    expect(panel.querySelector('.week')!.textContent).to.match(/Mon, Wed\s*08:00–09:00/);
    el.select('u');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="detail"]')!.textContent).to.contain('Hours unknown').and.contain('Not listed');
  });

  it('highlights the row of a tapped marker, and the marker of a chosen row', async () => {
    const el = await finder();
    await el.mapReady;
    const marker = shadow(el).querySelector<HTMLElement>('.leaflet-marker-icon[data-id="c"]')!;
    expect(marker.getAttribute('aria-label')).to.equal('3. Nanmen');
    marker.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="detail"] h3')!.textContent).to.equal('Nanmen');
    el.select('e', false);
    await el.updateComplete;
    expect(rows(el).find((row) => row.dataset.id === 'e')!.getAttribute('aria-current')).to.equal('true');
    expect(shadow(el).querySelector('.leaflet-marker-icon[data-id="e"]')!.classList.contains('selected')).to.equal(true);
    expect(shadow(el).querySelector('.leaflet-marker-icon[data-id="c"]')!.classList.contains('selected')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('draws the map without tiles: kiosk, stations, scale bar, zoom buttons', async () => {
    const el = await finder();
    await el.mapReady;
    await waitUntil(() => shadow(el).querySelector('.scale'), 'scale bar');
    expect(shadow(el).querySelector('.ck-here')!.textContent).to.contain('You are here');
    expect(shadow(el).querySelector('.scale')!.textContent).to.match(/\d+\s*(m|km)/);
    expect(shadow(el).querySelector('.map-note')!.textContent).to.contain('to scale');
    // One zoom step halves the metres per pixel: the scale bar says so.
    const before = scaleText(el);
    (shadow(el).querySelector('.map-button') as HTMLButtonElement).click();
    await waitUntil(() => scaleText(el) !== before, 'scale after zoom in');
    const zoomedIn = scaleText(el);
    (shadow(el).querySelectorAll('.map-button')[1] as HTMLButtonElement).click();
    await waitUntil(() => scaleText(el) === before, 'scale after zoom out');
    expect(zoomedIn).to.not.equal(before);
  });

  it('keeps working when tiles fail, and shows the attribution when they load', async () => {
    const el = await finder();
    el.tileUrl = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
    el.tileAttribution = '© Example tiles';
    await el.mapReady;
    await waitUntil(() => shadow(el).querySelector('.map-note')!.textContent.includes('unavailable'), 'offline note', { timeout: 5000 });
    expect(shadow(el).querySelectorAll('.leaflet-marker-icon[data-id]')).to.have.length(5);
    el.tileUrl = new URL('./fixtures/tile.gif', import.meta.url).href;
    await el.updateComplete;
    expect(shadow(el).querySelector('.map-note')!.textContent).to.contain('© Example tiles');
  });

  it('clusters crowded stations on the map and zooms into a cluster', async () => {
    const el = await finder({ source: new InMemoryStationSource(generateStations(3000, 5, kiosk, 0.05)), limit: 3 });
    await el.mapReady;
    const zoomOut = shadow(el).querySelectorAll<HTMLButtonElement>('.map-button')[1]!;
    for (let i = 0; i < 4; i++) zoomOut.click();
    await waitUntil(() => shadow(el).querySelector('.ck-cluster'), 'a cluster');
    const before = scaleText(el);
    const cluster = shadow(el).querySelector<HTMLElement>('.ck-cluster')!;
    expect(cluster.getAttribute('aria-label')).to.match(/\d+ stations here: zoom in/);
    cluster.click();
    await waitUntil(() => scaleText(el) !== before, 'zoomed into the cluster');
  });

  it('returns to its first state when the kiosk goes idle', async () => {
    const el = await finder({ filters: ['wheelchair'] });
    chip(el, 'open_now').click();
    await el.updateComplete;
    rows(el)[1]!.click();
    await el.updateComplete;
    expect(el.filters).to.deep.equal(['wheelchair', 'open_now']);
    window.dispatchEvent(new CustomEvent('ck-idle'));
    await el.updateComplete;
    expect(el.filters).to.deep.equal(['wheelchair']);
    expect(chip(el, 'open_now').getAttribute('aria-pressed')).to.equal('false');
    expect(shadow(el).querySelector('[part="detail"]')).to.equal(null);
    expect(rows(el).every((row) => row.getAttribute('aria-current') === 'false')).to.equal(true);
  });

  it('counts bad features and unreadable hours once, in one warning', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const source = new InMemoryStationSource([
        feature('ok', 119.541, 26.66, { name: 'ok', opening_hours: 'bad hours!' }),
        { type: 'Feature', properties: { amenity: 'toilets' } },
        feature('far', 999, 26.66, {}),
        feature('bench', 119.541, 26.66, { amenity: 'bench' }),
      ]);
      const el = await finder({ source });
      el.filters = ['toilets'];
      await el.taskComplete;
      el.requestUpdate();
      await el.taskComplete;
    } finally {
      console.warn = warn;
    }
    const ours = warnings.filter((w) => w.startsWith('ck-station-finder'));
    expect(ours).to.have.length(1);
    expect(ours[0]).to.contain('skipped 3 of 4 features').and.contain('1 station(s) have opening_hours that cannot be read');
  });

  it('shows the saved list with an offline banner when the API is unreachable', async () => {
    await clearCache();
    await writeCache({ url: 'http://127.0.0.1:9/stations', etag: '"v0"', data: fiveStations, fetchedAt: '2025-05-06T07:45:00Z' });
    const el = await fixture<StationFinder>(html`<ck-station-finder api="http://127.0.0.1:9" latitude="26.66" longitude="119.54" .now=${NOON}></ck-station-finder>`);
    await el.taskComplete;
    const banner = shadow(el).querySelector('ck-status-banner')!;
    expect(banner.getAttribute('state')).to.equal('offline');
    expect(banner.getAttribute('reason')).to.contain('No connection: showing the stations saved on');
    expect(rows(el)).to.have.length(5);
    await expect(el).to.be.accessible();
    await clearCache();
    banner.dispatchEvent(new CustomEvent('ck-retry'));
    await el.taskComplete;
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('state')).to.equal('offline');
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('reason')).to.contain('saved on');
  });

  it('says offline with no list when nothing was ever saved, and errors with the reason', async () => {
    await clearCache();
    const el = await fixture<StationFinder>(html`<ck-station-finder api="http://127.0.0.1:9" latitude="26.66" longitude="119.54"></ck-station-finder>`);
    await el.taskComplete;
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('state')).to.equal('offline');
    expect(rows(el)).to.have.length(0);
    el.source = { load: () => Promise.reject(new Error('boom')) };
    await el.taskComplete;
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('state')).to.equal('error');
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('reason')).to.equal('The station list could not be read.');
    await expect(el).to.be.accessible();
  });

  it("uses the session provider's client (with the device credential) when there is one, its own api otherwise", async () => {
    await clearCache();
    const seen: { url: string; key: string | null }[] = [];
    const fetch = ((url: string, init?: RequestInit) => {
      seen.push({ url, key: new Headers(init?.headers).get('X-Device-Key') });
      return Promise.resolve(new Response(JSON.stringify(fiveStations), { status: 200, headers: { ETag: '"s1"' } }));
    }) as typeof window.fetch;
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    provideSession(page, createSession({ api: '/kiosk-api', deviceCredential: 'ckd_demo-nd.demo-secret', fetch }));
    const el = document.createElement('ck-station-finder');
    Object.assign(el, { api: '/ignored-with-a-provider', latitude: kiosk.lat, longitude: kiosk.lon, now: NOON });
    page.append(el);
    await el.taskComplete;
    expect(rows(el)).to.have.length(5);
    expect(seen).to.deep.equal([{ url: '/kiosk-api/stations', key: 'ckd_demo-nd.demo-secret' }]);
    expect(Object.keys(el).concat(el.getAttributeNames()).join(' ')).not.to.match(/credential|device/i);
    await expect(el).to.be.accessible();
    await clearCache();
  });

  it('asks for the kiosk position when it is not set', async () => {
    const el = await fixture<StationFinder>(html`<ck-station-finder .source=${new InMemoryStationSource(fiveStations)}></ck-station-finder>`);
    await el.taskComplete;
    expect(el.origin).to.equal(undefined);
    expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('state')).to.equal('info');
    el.origin = kiosk;
    await el.updateComplete;
    expect(el.origin).to.deep.equal(kiosk);
    expect(rows(el)).to.have.length(5);
  });

  it('shows names in Chinese by default, and a loading banner while loading', async () => {
    await setLocale('zh-CN');
    try {
      const el = document.createElement('ck-station-finder');
      el.source = new InMemoryStationSource(fiveStations, { delayMs: 50 });
      el.origin = kiosk;
      document.body.append(el);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(shadow(el).querySelector('ck-status-banner')!.getAttribute('state')).to.equal('loading');
      // Rendering is not loading: updateComplete does not wait for the data.
      await el.updateComplete;
      expect(names(el)).to.deep.equal([]);
      await el.taskComplete;
      expect(names(el)[0]).to.equal('东桥公园驿站');
      expect(chip(el, 'wheelchair').textContent).to.contain('无障碍厕所');
      await expect(el).to.be.accessible();
      el.remove();
    } finally {
      await setLocale('en');
    }
  });

  it('builds the index of 100,000 stations once, not per render', async () => {
    const data = generateStations(100_000, 7);
    const source = new InMemoryStationSource(data);
    const builds = () => performance.getEntriesByName(INDEX_MARK).length;
    const before = builds();
    const el = await finder({ source });
    expect(builds()).to.equal(before + 1);
    expect(rows(el)).to.have.length(10);
    // The first list came from one scan of the typed arrays; an index gives the same answer.
    const index = new StationIndex(parseStations(data).table);
    expect(visitorNearest(index, { origin: kiosk, limit: 10 }).map((r) => r.station.id)).to.deep.equal(el.results.map((r) => r.station.id));
    chip(el, 'wheelchair').click();
    await el.updateComplete;
    chip(el, 'open_now').click();
    await el.updateComplete;
    rows(el)[0]!.click();
    await el.updateComplete;
    el.timeZone = 'Europe/London';
    await el.taskComplete;
    expect(builds()).to.equal(before + 1);

    expect(el.results.every((r) => r.station.facilities.includes('wheelchair'))).to.equal(true);
  });

  it('shows access, fees and the English operator from OSM tags, and filters free and family rooms', async () => {
    const source = new InMemoryStationSource([
      feature('m', 119.541, 26.66, { name: '商场卫生间', access: 'customers', fee: 'yes', charge: '1 CNY', operator: '万达广场', 'operator:en': 'Wanda Plaza' }),
      feature('f', 119.542, 26.66, { name: '免费公厕', 'name:en': 'Free toilets', fee: 'no', unisex: 'yes', opening_hours: 'closed' }),
      feature('p', 119.5405, 26.66, { name: '单位厕所', access: 'private' }),
    ]);
    const el = await finder({ source });
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(['m', 'f']);
    const [mall, free] = rows(el);
    expect(mall!.querySelector('.notes')!.textContent).to.contain('For customers only').and.contain('Fee: 1 CNY');
    expect(free!.querySelector('.notes')).to.equal(null);
    expect(free!.querySelector('.open')!.textContent).to.contain('Closed');
    chip(el, 'free').click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Free toilets']);
    chip(el, 'free').click();
    chip(el, 'family_room').click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Free toilets']);
    el.select('m');
    await el.updateComplete;
    expect(shadow(el).querySelector('.operator')!.textContent).to.equal('Run by Wanda Plaza');
    expect(shadow(el).querySelector('.fee-line')!.textContent).to.contain('Fee: 1 CNY');
    await expect(el).to.be.accessible();
    await setLocale('zh-CN');
    try {
      await el.updateComplete;
      expect(shadow(el).querySelector('.operator')!.textContent).to.equal('管理单位：万达广场');
      expect(shadow(el).querySelector('[part="detail"] .notes')!.textContent).to.contain('收费 1 元').and.contain('仅限顾客');
    } finally {
      await setLocale('en');
    }
  });

  it('never lets a drinking-water point outrank toilets when no filter is chosen', async () => {
    const source = new InMemoryStationSource([
      { type: 'Feature', id: 'tap', geometry: { type: 'Point', coordinates: [119.5402, 26.66] }, properties: { amenity: 'drinking_water', name: '直饮水' } },
      feature('far', 119.546, 26.66, { name: '公厕' }),
    ]);
    const el = await finder({ source });
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(['far', 'tap']);
    chip(el, 'drinking_water').click();
    await el.updateComplete;
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(['tap']);
  });

  it('redraws what the map draws itself when the locale or the theme changes', async () => {
    const el = await finder();
    await el.mapReady;
    const here = () => shadow(el).querySelector('.here-label')!.textContent;
    const pinLabel = () => shadow(el).querySelector('.leaflet-marker-icon[data-id="a"]')!.getAttribute('aria-label');
    const pinSize = () => shadow(el).querySelector<HTMLElement>('.leaflet-marker-icon[data-id="a"] > div')!.getBoundingClientRect().width;
    expect(here()).to.equal('You are here');
    expect(pinLabel()).to.equal('1. Dongqiao Park');
    await setLocale('zh-CN');
    try {
      await el.updateComplete;
      expect(here()).to.equal('您在这里');
      expect(pinLabel()).to.equal('1号 东桥公园驿站');
      expect(shadow(el).querySelector('.map')!.getAttribute('aria-label')).to.equal('附近驿站地图');
    } finally {
      await setLocale('en');
    }
    await el.updateComplete;
    expect(here()).to.equal('You are here');
    const standard = pinSize();
    el.theme = 'elder';
    await el.updateComplete;
    await waitUntil(() => pinSize() > standard, 'pins grow in elder mode');
    // The label is placed again for the new sizes: it does not sit on a pin.
    const label = shadow(el).querySelector('.here-label')!.getBoundingClientRect();
    for (const pin of shadow(el).querySelectorAll('.ck-pin > div')) {
      const box = pin.getBoundingClientRect();
      const overlaps = box.left < label.right && box.right > label.left && box.top < label.bottom && box.bottom > label.top;
      expect(overlaps, (pin.parentElement as HTMLElement).dataset.id).to.equal(false);
    }
  });

  it('moves pins of stations at one spot apart, off each other and off "you are here" and its label', async () => {
    const source = new InMemoryStationSource([
      feature('s1', 119.541, 26.66, { name: '一' }),
      feature('s2', 119.541, 26.66, { name: '二' }),
      feature('s3', 119.54101, 26.66001, { name: '三' }),
      feature('s4', kiosk.lon, kiosk.lat, { name: '四' }),
    ]);
    const el = await finder({ source });
    await el.mapReady;
    const boxes = [...shadow(el).querySelectorAll('.ck-pin > div, .ck-cluster > div, .here-dot, .here-label')].map((node) => node.getBoundingClientRect());
    expect(boxes).to.have.length(6);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top, `${i} and ${j} overlap`).to.equal(false);
      }
    }
  });

  describe('bad attribute and property values: one warning naming the element, then the default', () => {
    let warnings: string[];
    const warn = console.warn;
    beforeEach(() => {
      warnings = [];
      console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    });
    afterEach(() => {
      console.warn = warn;
    });
    const ours = () => warnings.filter((w) => w.includes('<ck-station-finder>'));

    const attributes: [string, string, keyof StationFinder, unknown][] = [
      ['filters', 'garbage', 'filters', []],
      ['filters', '["wheelchair","jacuzzi"]', 'filters', ['wheelchair']],
      ['filters', '{not json', 'filters', []],
      ['radius-km', '-3', 'radiusKm', 5],
      ['radius-km', 'far', 'radiusKm', 5],
      ['limit', '2.5', 'limit', 10],
      ['limit', '0', 'limit', 10],
      ['api', 'javascript:alert(1)', 'api', '/api'],
      ['api', 'not a url', 'api', '/api'],
      ['latitude', '91', 'latitude', undefined],
      ['longitude', 'east', 'longitude', undefined],
      ['time-zone', 'Mars/Olympus', 'timeZone', 'Asia/Shanghai'],
      ['tile-url', 'ftp://tiles/{z}/{x}/{y}.png', 'tileUrl', ''],
      ['route-url-template', 'javascript:void(0)', 'routeUrlTemplate', ''],
      ['route-coordinates', 'bd09', 'routeCoordinates', 'wgs84'],
      ['theme', 'neon', 'theme', undefined],
    ];
    for (const [attribute, value, property, fallback] of attributes) {
      it(`${attribute}="${value}"`, async () => {
        const el = await fixture<StationFinder>(html`<ck-station-finder .source=${new InMemoryStationSource(fiveStations)}></ck-station-finder>`);
        el.origin = kiosk;
        el.setAttribute(attribute, value);
        await el.taskComplete;
        expect(ours(), warnings.join('\n')).to.have.length(1);
        expect(ours()[0]).to.contain(attribute);
        expect((el as unknown as Record<string, unknown>)[property as string]).to.deep.equal(fallback);
        expect(shadow(el).querySelector('.finder')).to.not.equal(null);
      });
    }

    it('an api that answers HTML: one warning naming api and its value, and the error banner', async () => {
      const original = window.fetch;
      window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
        String(input instanceof Request ? input.url : input).includes('/portal/')
          ? Promise.resolve(new Response('<!doctype html><title>City portal</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }))
          : original(input, init));
      try {
        for (let i = 0; i < 2; i++) {
          const el = await fixture<StationFinder>(html`<ck-station-finder api="/portal/api" lang="en"></ck-station-finder>`);
          await el.taskComplete;
          await el.updateComplete;
          expect(shadow(el).querySelector('.finder')).to.not.equal(null);
          expect(shadow(el).querySelector('ck-status-banner')?.getAttribute('state')).to.equal('error');
        }
      } finally {
        window.fetch = original;
      }
      expect(ours(), warnings.join('\n')).to.have.length(1);
      expect(ours()[0]).to.contain('api="/portal/api"').and.to.contain('not the stations API');
      expect(ours()[0]).to.not.contain('City portal');
    });

    const properties: [keyof StationFinder, unknown, unknown][] = [
      ['filters', 'wheelchair', []],
      ['filters', ['wheelchair', 'sauna'], ['wheelchair']],
      ['radiusKm', -4, 5],
      ['radiusKm', Number.NaN, 5],
      ['limit', 1e6, 10],
      ['api', 'javascript:alert(2)', '/api'],
      ['latitude', 'north', undefined],
      ['longitude', 500, undefined],
      ['timeZone', 'Nowhere/Land', 'Asia/Shanghai'],
      ['tileUrl', 42, ''],
      ['tileAttribution', { html: '<b>' }, ''],
      ['routeUrlTemplate', 'data:text/html,x', ''],
      ['routeCoordinates', 'BD-09', 'wgs84'],
      ['source', { nope: true }, undefined],
      ['now', new Date('not a date'), undefined],
      ['fill', 'yes', false],
    ];
    for (const [property, value, fallback] of properties) {
      it(`.${String(property)} = ${JSON.stringify(value) ?? String(value)}`, async () => {
        const el = await finder();
        (el as unknown as Record<string, unknown>)[property as string] = value;
        await el.taskComplete;
        expect(ours(), warnings.join('\n')).to.have.length(1);
        expect((el as unknown as Record<string, unknown>)[property as string]).to.deep.equal(fallback);
        expect(shadow(el).querySelector('.finder')).to.not.equal(null);
      });
    }
  });

  it('cleans up its map when removed and draws it again when back', async () => {
    const el = await finder();
    await el.mapReady;
    expect(shadow(el).querySelectorAll('.leaflet-pane').length).to.be.greaterThan(0);
    const parent = el.parentElement!;
    el.remove();
    expect(shadow(el).querySelectorAll('.leaflet-pane').length, 'panes removed').to.equal(0);
    parent.append(el);
    await el.updateComplete;
    await el.mapReady;
    expect(shadow(el).querySelectorAll('.leaflet-pane').length).to.be.greaterThan(0);
    expect(markerIds(el)).to.have.length(5);
  });
});
