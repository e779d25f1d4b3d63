// Contract with the real server: apps/server (built), started by web-test-runner.config.mjs on a fresh
// SQLite database with its demo seed, read through the finder's own HTTP source. Replaces the saved
// answer (test/fixtures/server-stations.json) that had drifted from the seed.
import { expect, fixture, html } from '@open-wc/testing';
import { HttpClient, setLocale, type HttpClientOptions } from '@civic-kiosk/core';
import '../src/define.js';
import { clearCache } from '../src/cache.js';
import { inChina } from '../src/gcj02.js';
import { HoursEvaluator } from '../src/hours.js';
import { HttpStationSource, InMemoryStationSource } from '../src/source.js';
import type { StationFinder } from '../src/station-finder.js';
import { chip, names, rows } from './helpers.js';

const API = '/contract-api';
// The server's documented demo credential of a demo site (accepted outside production).
const DEMO_DEVICE_KEY = 'ckd_demo-ningde-donghu.demo-secret';

/** A client that records what went over the wire. */
function recordingClient(options: Partial<HttpClientOptions> = {}) {
  const wire: { status: number; ifNoneMatch: string | null }[] = [];
  const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const response = await window.fetch(url, init);
    wire.push({ status: response.status, ifNoneMatch: new Headers(init?.headers).get('If-None-Match') });
    return response;
  }) as typeof window.fetch;
  return { client: new HttpClient({ baseUrl: API, deviceCredential: DEMO_DEVICE_KEY, fetch, ...options }), wire };
}

describe('contract: GET /api/stations of the real server, read by HttpStationSource', function () {
  // The server is started (and its database seeded) by the first request.
  this.timeout(120_000);
  let raw: { type: string; features: { id: string; properties: Record<string, unknown> }[] };

  before(async () => {
    const response = await fetch(`${API}/stations`, { headers: { 'X-Device-Key': DEMO_DEVICE_KEY } });
    expect(response.status, await response.clone().text()).to.equal(200);
    expect(response.headers.get('Content-Type')).to.match(/json/);
    raw = (await response.json()) as typeof raw;
  });

  it('answers a GeoJSON FeatureCollection that the finder reads whole: every feature a station', async () => {
    expect(raw.type).to.equal('FeatureCollection');
    expect(raw.features.length).to.be.greaterThan(10);
    const { client } = recordingClient();
    const collection = await new HttpStationSource(client, { cache: false }).load();
    expect(collection.skipped, JSON.stringify(collection.skippedBy)).to.equal(0);
    expect(collection.table!.size).to.equal(raw.features.length);
    expect(collection.offline).to.equal(undefined);
    expect(Date.parse(collection.fetchedAt!)).to.be.closeTo(Date.now(), 60_000);
  });

  it('gives each station both names, readable hours, the official, a checked date and a position in China', async () => {
    const { client } = recordingClient();
    const { stations, table } = await new HttpStationSource(client, { cache: false }).load();
    expect(new Set(stations.map((s) => s.id)).size).to.equal(stations.length);
    expect(new HoursEvaluator().countUnreadable(table!)).to.equal(0);
    for (const station of stations) {
      expect(station.name, station.id).to.match(/\p{Script=Han}/u);
      expect(station.nameEn, station.id).to.be.a('string').and.not.equal('');
      expect(station.openingHours, station.id).to.be.a('string');
      expect(station.official?.name, station.id).to.match(/^\p{Script=Han}{2,4}$/u);
      expect(station.official?.phone, station.id).to.match(/^0\d{2,3}-\d{7,8}$/);
      expect(Number.isNaN(Date.parse(station.verified ?? '')), `${station.id} checked date`).to.equal(false);
      expect(inChina(station), station.id).to.equal(true);
      expect(station.facilities, station.id).to.include('toilets');
      expect(station.access, station.id).to.equal(undefined);
    }
  });

  it('maps the server tags to facilities as the seed says: an accessible toilet only where the toilet itself is step-free', async () => {
    const { client } = recordingClient();
    const { stations } = await new HttpStationSource(client, { cache: false }).load();
    for (const feature of raw.features) {
      const p = feature.properties;
      const station = stations.find((s) => s.id === feature.id)!;
      const has = (facility: string) => station.facilities.includes(facility as never);
      expect(has('wheelchair'), `${feature.id} toilets:wheelchair=${String(p['toilets:wheelchair'])}`).to.equal(p['toilets:wheelchair'] === 'yes' || (p['toilets:wheelchair'] === undefined && p.wheelchair === 'yes'));
      expect(has('baby_change'), feature.id).to.equal(p.changing_table === 'yes' || p['station:mother_baby_room'] === 'yes');
      expect(has('wifi'), feature.id).to.equal(p.internet_access === 'wlan');
      expect(has('family_room'), feature.id).to.equal(p.unisex === 'yes' || p['station:family_room'] === 'yes');
      expect((station.mask & 256) !== 0, `${feature.id} free`).to.equal(p.fee === 'no');
    }
  });

  it('revalidates with the ETag: the second load is a 304 that reuses the kept copy', async () => {
    const etag = (await window.fetch(`${API}/stations`)).headers.get('ETag');
    expect(etag).to.match(/^(W\/)?"/);
    await clearCache();
    const { client, wire } = recordingClient();
    const source = new HttpStationSource(client);
    const first = await source.load();
    const second = await source.load();
    expect(wire.map((w) => w.status)).to.deep.equal([200, 304]);
    expect(wire[1]!.ifNoneMatch).to.equal(etag);
    expect(second.table!.size).to.equal(first.table!.size);
    expect(second.fetchedAt).to.equal(first.fetchedAt);
    await clearCache();
  });

  it('answers an unknown path with the server error body (code and reasons), not HTTP_404', async () => {
    const { client } = recordingClient();
    const error = await client.get('/stations/nope/nope').then(
      () => undefined,
      (e: unknown) => e as { status: number; code: string },
    );
    expect(error?.status).to.equal(404);
    expect(error?.code).to.not.match(/^HTTP_/);
  });
});

describe('contract: the finder on the real seed', function () {
  this.timeout(120_000);
  before(() => setLocale('en'));
  after(() => setLocale('zh-CN'));

  it('lists the seeded stations nearest to a Ningde kiosk, filters the accessible ones, and opens a detail', async () => {
    const collection = await new HttpStationSource(new HttpClient({ baseUrl: API }), { cache: false }).load();
    const el = await fixture<StationFinder>(html`<ck-station-finder .source=${new InMemoryStationSource(collection.stations)} latitude="26.6586" longitude="119.5452" limit="4"></ck-station-finder>`);
    await el.taskComplete;
    expect(names(el)).to.have.length(4);
    expect(rows(el).every((row) => /Station/.test(row.querySelector('.name')!.textContent))).to.equal(true);
    chip(el, 'wheelchair').click();
    await el.updateComplete;
    expect(el.results.every((r) => r.station.facilities.includes('wheelchair'))).to.equal(true);
    const first = el.results[0]!.station;
    rows(el)[0]!.click();
    await el.updateComplete;
    const panel = el.shadowRoot!.querySelector('[part="detail"]')!;
    expect(panel.querySelector('h3')!.textContent).to.equal(first.nameEn);
    expect(panel.textContent).to.contain(first.official!.name!).and.contain(first.official!.phone!);
    await expect(el).to.be.accessible();
  });
});
