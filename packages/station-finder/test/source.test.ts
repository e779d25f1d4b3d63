import { expect } from '@open-wc/testing';
import { ApiError, HttpClient, type HttpClientOptions } from '@civic-kiosk/core';
import { clearCache, readCache, writeCache } from '../src/cache.js';
import { HttpStationSource, InMemoryStationSource } from '../src/source.js';
import { fiveStations } from './helpers.js';

const http = (baseUrl: string, options: Partial<HttpClientOptions> = {}) => new HttpClient({ baseUrl, ...options });
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
    const source = new HttpStationSource(http('http://api.test/api/', { fetch }));
    const first = await source.load();
    expect(first.stations).to.have.length(5);
    expect(first.offline).to.equal(undefined);
    expect((await readCache(source.url))?.etag).to.equal('"v1"');
    const second = await source.load();
    expect(second.stations.map((s) => s.id)).to.deep.equal(first.stations.map((s) => s.id));
    expect(seen).to.deep.equal([null, '"v1"']);
  });

  it('falls back to the saved list, marked offline, when the API is unreachable or failing', async () => {
    await writeCache({ url: 'http://127.0.0.1:9/stations', etag: '"v0"', data: fiveStations, fetchedAt: '2025-05-06T07:45:00Z' });
    const unreachable = await new HttpStationSource(http('http://127.0.0.1:9')).load();
    expect(unreachable).to.include({ offline: true, fetchedAt: '2025-05-06T07:45:00Z' });
    expect(unreachable.stations).to.have.length(5);
    const failing = new HttpStationSource(http('http://127.0.0.1:9', { fetch: () => Promise.resolve(new Response('oops', { status: 503 })) }));
    expect((await failing.load()).offline).to.equal(true);
    // A refusal is not an outage: a 429 says so, with the server's own code and wait, instead of an old copy.
    const limited = new HttpStationSource(
      http('http://127.0.0.1:9', {
        fetch: () => Promise.resolve(json({ code: 'RATE_LIMITED', message: 'Too many requests', reasons: { 'zh-CN': '请求过多', en: 'Too many requests' } }, { status: 429, headers: { 'Retry-After': '30' } })),
      }),
    );
    const error = (await limited.load().then(() => undefined, (e: ApiError) => e))!;
    expect(error).to.be.instanceOf(ApiError);
    expect(error).to.include({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('throws a reasoned ApiError when there is nothing saved', async () => {
    const fail = (source: HttpStationSource) => source.load().then(() => expect.fail('should throw'), (error: ApiError) => error);
    expect((await fail(new HttpStationSource(http('http://127.0.0.1:9')))).code).to.equal('NETWORK');
    const notFound = await fail(new HttpStationSource(http('/x', { fetch: () => Promise.resolve(new Response('', { status: 404 })) })));
    expect(notFound).to.include({ status: 404, code: 'NOT_FOUND' });
    const serverError = await fail(new HttpStationSource(http('/x', { fetch: () => Promise.resolve(new Response('', { status: 500 })) })));
    expect(serverError.code, 'never HTTP_500').to.equal('SERVER_ERROR');
    expect((await fail(new HttpStationSource(http('/x', { fetch: () => Promise.resolve(new Response('not json', { status: 200 })) }), { cache: false }))).code).to.equal('BAD_RESPONSE');
    const slow = new HttpStationSource(
      http('/x', {
        timeoutMs: 10,
        fetch: (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
      }),
    );
    expect((await fail(slow)).code).to.equal('TIMEOUT');
    const controller = new AbortController();
    const aborted = new HttpStationSource(
      http('/x', {
        fetch: (_url, init) =>
          new Promise((_r, reject) => {
            if (init?.signal?.aborted) reject(new Error('aborted'));
            init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      }),
    );
    const result = aborted.load(controller.signal).then(() => undefined, (error: ApiError) => error);
    controller.abort();
    expect((await result)?.code).to.equal('ABORTED');
  });

  it("sends the session client's device credential, never one of its own", async () => {
    const keys: (string | null)[] = [];
    const fetch = ((_url: string, init: RequestInit) => {
      keys.push(new Headers(init.headers).get('X-Device-Key'));
      return Promise.resolve(json(fiveStations, { headers: { ETag: '"k1"' } }));
    }) as typeof globalThis.fetch;
    await new HttpStationSource(http('http://kiosk.test/api', { deviceCredential: 'ckd_demo-nd.demo-secret', fetch })).load();
    await new HttpStationSource(http('http://kiosk.test/api', { fetch }), { cache: false }).load();
    expect(keys).to.deep.equal(['ckd_demo-nd.demo-secret', null]);
  });

  it('works without a cache', async () => {
    const source = new HttpStationSource(http('/x', { fetch: () => Promise.resolve(json(fiveStations, { headers: { ETag: '"n"' } })) }), { cache: false });
    expect((await source.load()).stations).to.have.length(5);
    expect(await readCache(source.url)).to.equal(undefined);
  });
});
