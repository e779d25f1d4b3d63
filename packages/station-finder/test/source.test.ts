import { expect } from '@open-wc/testing';
import { ApiError } from '@civic-kiosk/core';
import { clearCache, readCache, writeCache } from '../src/cache.js';
import { HttpStationSource, InMemoryStationSource } from '../src/source.js';
import { fiveStations } from './helpers.js';

const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' }, ...init });

describe('station sources', () => {
  beforeEach(() => clearCache());

  it('InMemoryStationSource parses once and can wait', async () => {
    const source = new InMemoryStationSource(fiveStations, { delayMs: 5 });
    const first = await source.load();
    expect(first.stations).to.have.length(5);
    expect(await source.load()).to.equal(first);
    const again = new InMemoryStationSource(first.stations);
    expect((await again.load()).stations).to.equal(first.stations);
    const aborted = new AbortController();
    aborted.abort();
    await source.load(aborted.signal).then(
      () => expect.fail('should abort'),
      (error: ApiError) => expect(error.code).to.equal('ABORTED'),
    );
  });

  it('reads GeoJSON over HTTP, keeps it with its ETag and revalidates with If-None-Match', async () => {
    const seen: (string | null)[] = [];
    const fetch = ((url: string, init: RequestInit) => {
      expect(url).to.equal('http://api.test/api/stations');
      const etag = new Headers(init.headers).get('If-None-Match');
      seen.push(etag);
      return Promise.resolve(etag === '"v1"' ? new Response(null, { status: 304 }) : json(fiveStations, { headers: { ETag: '"v1"' } }));
    }) as typeof globalThis.fetch;
    const source = new HttpStationSource('http://api.test/api/', { fetch });
    const first = await source.load();
    expect(first.stations).to.have.length(5);
    expect(first.offline).to.equal(undefined);
    expect((await readCache(source.url))?.etag).to.equal('"v1"');
    const second = await source.load();
    expect(second.stations.map((s) => s.id)).to.deep.equal(first.stations.map((s) => s.id));
    expect(seen).to.deep.equal([null, '"v1"']);
  });

  it('falls back to the saved list, marked offline, when the API is unreachable or failing', async () => {
    await writeCache({ url: 'http://127.0.0.1:9/stations', data: fiveStations, fetchedAt: '2025-05-06T07:45:00Z' });
    const unreachable = await new HttpStationSource('http://127.0.0.1:9').load();
    expect(unreachable).to.include({ offline: true, fetchedAt: '2025-05-06T07:45:00Z' });
    expect(unreachable.stations).to.have.length(5);
    const failing = new HttpStationSource('http://127.0.0.1:9', { fetch: () => Promise.resolve(new Response('oops', { status: 503 })) });
    expect((await failing.load()).offline).to.equal(true);
  });

  it('throws a reasoned ApiError when there is nothing saved', async () => {
    const fail = (source: HttpStationSource) => source.load().then(() => expect.fail('should throw'), (error: ApiError) => error);
    expect((await fail(new HttpStationSource('http://127.0.0.1:9'))).code).to.equal('NETWORK');
    expect((await fail(new HttpStationSource('/x', { fetch: () => Promise.resolve(new Response('', { status: 404 })) }))).status).to.equal(404);
    expect((await fail(new HttpStationSource('/x', { fetch: () => Promise.resolve(new Response('not json', { status: 200 })), cache: false }))).code).to.equal('BAD_RESPONSE');
    const slow = new HttpStationSource('/x', {
      timeoutMs: 10,
      fetch: (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    expect((await fail(slow)).code).to.equal('TIMEOUT');
    const controller = new AbortController();
    const aborted = new HttpStationSource('/x', {
      fetch: (_url, init) =>
        new Promise((_r, reject) => {
          if (init?.signal?.aborted) reject(new Error('aborted'));
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const result = aborted.load(controller.signal).then(() => undefined, (error: ApiError) => error);
    controller.abort();
    expect((await result)?.code).to.equal('ABORTED');
  });

  it("sends the device key, and revalidates our server's answer with its ETag", async () => {
    const body = await (await fetch(new URL('./fixtures/server-stations.json', import.meta.url))).text();
    const etag = '"mEetAf1Zizyc1p-TvB7rsJcweZb"';
    const seen: { key: string | null; etag: string | null }[] = [];
    const fetch304 = ((_url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      seen.push({ key: headers.get('X-Device-Key'), etag: headers.get('If-None-Match') });
      // As the server does: 304 with no body for a matching If-None-Match, else the FeatureCollection with its ETag.
      return Promise.resolve(
        headers.get('If-None-Match') === etag
          ? new Response(null, { status: 304, headers: { ETag: etag } })
          : new Response(body, { status: 200, headers: { ETag: etag, 'Content-Type': 'application/geo+json; charset=utf-8' } }),
      );
    }) as typeof globalThis.fetch;
    const source = new HttpStationSource('http://kiosk.test/api', { deviceKey: 'demo-kiosk-key', fetch: fetch304 });
    const first = await source.load();
    const second = await source.load();
    expect(seen).to.deep.equal([
      { key: 'demo-kiosk-key', etag: null },
      { key: 'demo-kiosk-key', etag },
    ]);
    expect(first.table!.size).to.equal(32);
    expect(second.stations.find((s) => s.id === 'nd-004')!.official).to.deep.equal({ name: '刘小梅', phone: '0593-2613199' });
  });

  it('works without a cache', async () => {
    const source = new HttpStationSource('/x', { cache: false, fetch: () => Promise.resolve(json(fiveStations)) });
    expect((await source.load()).stations).to.have.length(5);
    expect(await readCache(source.url)).to.equal(undefined);
  });
});
