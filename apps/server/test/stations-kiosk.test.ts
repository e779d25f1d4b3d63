import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stationFeature } from '../src/stations/geojson.js';
import { createTestApp, DEVICE, get, json, newKey, post, type TestApp } from './helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type FC = { type: string; features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> & { official: { name: string; phone: string } } }[] };

describe('stations', () => {
  it('serves a GeoJSON FeatureCollection with OSM tags and the official', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/stations' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /geo\+json/);
    const fc = json<FC>(res);
    assert.equal(fc.type, 'FeatureCollection');
    assert.ok(fc.features.length >= 30);
    const f = fc.features[0]!;
    assert.equal(f.properties.amenity, 'toilets');
    assert.ok(f.properties.opening_hours && f.properties.official.phone);
    assert.equal(f.geometry.coordinates.length, 2);
  });

  it('answers 304 to a matching If-None-Match and a new ETag once a change is seen (within stationsMaxStaleMs)', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/stations' });
    const etag = String(first.headers.etag);
    assert.match(etag, /^".+"$/);
    const again = await t.app.inject({ method: 'GET', url: '/api/stations', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    await t.store.db.updateTable('stations').set({ official_phone: '0593-2000000', updated_at: new Date(Date.now() + 1000).toISOString() }).where('id', '=', 'nd-001').execute();
    // The in-memory copy is re-checked in the background once it is older than the bound: wait past it, then ask
    // until the background check has finished (it takes longer than a few ms on a loaded machine, mostly on PostgreSQL).
    await new Promise((r) => setTimeout(r, t.config.stationsMaxStaleMs + 50));
    const deadline = Date.now() + 5000;
    let changed = await t.app.inject({ method: 'GET', url: '/api/stations', headers: { 'if-none-match': etag } });
    while (changed.statusCode === 304 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      changed = await t.app.inject({ method: 'GET', url: '/api/stations', headers: { 'if-none-match': etag } });
    }
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(json<FC>(changed).features.find((f) => f.id === 'nd-001')?.properties.official.phone, '0593-2000000');
  });

  it('serves the cached collection byte for byte as a fresh query builds it, and sees a change at once with stationsMaxStaleMs 0', async () => {
    const strict = await createTestApp({ stationsMaxStaleMs: 0 });
    try {
      const fresh = async () => JSON.stringify({ type: 'FeatureCollection', features: (await strict.store.db.selectFrom('stations').selectAll().orderBy('id').execute()).map(stationFeature) });
      const first = await strict.app.inject({ method: 'GET', url: '/api/stations' });
      assert.equal(first.body, await fresh());
      assert.equal(first.headers['content-length'], String(Buffer.byteLength(first.body)));
      await strict.store.db.updateTable('stations').set({ name_zh: '东湖公园南门', updated_at: new Date(Date.now() + 5000).toISOString() }).where('id', '=', 'nd-001').execute();
      const changed = await strict.app.inject({ method: 'GET', url: '/api/stations', headers: { 'if-none-match': String(first.headers.etag) } });
      assert.equal(changed.statusCode, 200);
      assert.notEqual(changed.headers.etag, first.headers.etag);
      assert.equal(changed.body, await fresh());
      await strict.store.db.deleteFrom('stations').where('id', '=', 'nd-002').execute();
      const fewer = await strict.app.inject({ method: 'GET', url: '/api/stations' });
      assert.equal(fewer.body, await fresh());
      // The distance filter works from the same cached features and does not alter them.
      await strict.app.inject({ method: 'GET', url: '/api/stations?lat=26.65&lon=119.5&radiusKm=50' });
      assert.equal((await strict.app.inject({ method: 'GET', url: '/api/stations' })).body, await fresh());
    } finally {
      await strict.close();
    }
  });

  it('filters by distance and refuses impossible coordinates', async () => {
    const near = json<FC>(await get(t.app, '/api/stations?lat=30.27&lon=120.15&radiusKm=20'));
    assert.ok(near.features.length >= 2 && near.features.every((f) => f.id.startsWith('hz-')));
    for (const q of ['lat=91&lon=0', 'lat=0&lon=181', 'lat=abc&lon=1', 'lat=10', 'radiusKm=5']) {
      const res = await get(t.app, `/api/stations?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(json(res).code, 'VALIDATION');
    }
  });
});

describe('kiosk', () => {
  it('records heartbeats per device, each device only its own', async () => {
    const beat = { deviceId: 'demo-xikou-hall', siteId: 'xikou-hall', version: '1.2.0', uptimeSeconds: 3600, lastInteractionAt: new Date().toISOString() };
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', beat)).statusCode, 200);
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', { ...beat, uptimeSeconds: 3660 })).statusCode, 200);
    // The device id may be left out: it comes from the credential.
    const { deviceId: _omit, siteId: _site, ...anonymous } = beat;
    const own = await post(t.app, '/api/kiosk/heartbeat', { ...anonymous, uptimeSeconds: 3720 });
    assert.equal(json(own).deviceId, 'demo-xikou-hall');
    const beats = await t.store.db.selectFrom('heartbeats').select(['device_id', 'uptime_s', 'site_id']).where('device_id', '=', 'demo-xikou-hall').execute();
    assert.deepEqual(beats.map((d) => [Number(d.uptime_s), d.site_id]), [[3720, 'xikou-hall']]);
    // Another device's id or another site: refused, and nothing written for them.
    for (const other of [{ ...beat, deviceId: 'demo-ningde-donghu' }, { ...beat, siteId: 'ningde-donghu' }, { ...beat, siteId: 'nowhere' }]) {
      const res = await post(t.app, '/api/kiosk/heartbeat', other);
      assert.equal(res.statusCode, 403);
      assert.equal(json(res).code, 'DEVICE_MISMATCH');
    }
    const after = await t.store.db.selectFrom('heartbeats').select('device_id').where('device_id', '=', 'demo-ningde-donghu').execute();
    assert.deepEqual(after, [], 'nothing written for the other device');
  });

  it('serves the site configuration to registered kiosks only', async () => {
    const res = await get(t.app, '/api/kiosk/sites/xikou-hall');
    const site = json<{ services: string[]; position: { lat: number }; official: { name: string }; stationId: string | null; defaultLocale: string; idleSeconds: number; timeZone: string }>(res);
    assert.deepEqual(site.services, ['deliberation', 'health', 'library', 'stations']);
    assert.ok(site.official.name && site.position.lat > 28);
    assert.equal(site.stationId, null);
    assert.deepEqual([site.defaultLocale, site.idleSeconds, site.timeZone], ['zh-CN', 90, 'Asia/Shanghai']);
    const anon = await t.app.inject({ method: 'GET', url: '/api/kiosk/sites/xikou-hall' });
    assert.equal(anon.statusCode, 401);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/kiosk/sites/xikou-hall', headers: { 'x-device-key': 'stolen' } });
    assert.equal(wrong.statusCode, 401);
  });

  it('gives every station site exactly its station\'s name, position and official, as the station finder lists it', async () => {
    const sites = await t.store.db.selectFrom('sites').selectAll().orderBy('id').execute();
    const fc = json<FC>(await get(t.app, '/api/stations'));
    const stationSites = sites.filter((row) => row.station_id !== null);
    assert.deepEqual(stationSites.map((row) => [row.id, row.station_id]), [['hangzhou-westlake', 'hz-003'], ['ningde-donghu', 'nd-001']]);
    for (const row of sites) {
      const site = json<{ name: Record<string, string>; position: { lon: number; lat: number }; official: { name: string; phone: string }; services: string[]; stationId: string | null }>(await get(t.app, `/api/kiosk/sites/${row.id}`));
      assert.equal(site.stationId, row.station_id, row.id);
      if (!row.station_id) continue;
      const station = fc.features.find((f) => f.id === row.station_id)!;
      assert.ok(station, row.id);
      assert.deepEqual([site.position.lon, site.position.lat], station.geometry.coordinates, `${row.id}: same position (0 m)`);
      assert.deepEqual(site.official, station.properties.official, `${row.id}: same official`);
      assert.deepEqual(site.name, { 'zh-CN': station.properties.name, en: station.properties['name:en'] });
      assert.ok(site.services.includes('stations'), `${row.id}: a station offers the station finder`);
    }
  });

  it('follows a change of the station\'s official at once', async () => {
    await t.store.db.updateTable('stations').set({ official_name: '陈丽芳', official_phone: '0593-2000001' }).where('id', '=', 'nd-001').execute();
    const site = json<{ official: { name: string; phone: string } }>(await get(t.app, '/api/kiosk/sites/ningde-donghu'));
    assert.deepEqual(site.official, { name: '陈丽芳', phone: '0593-2000001' });
  });

  it('answers GET /fhir/metadata with a CapabilityStatement, without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/metadata' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    const cs = json<{ resourceType: string; fhirVersion: string; kind: string; rest: { mode: string; resource: { type: string; interaction: { code: string }[]; searchParam: { name: string; type: string }[] }[] }[] }>(res);
    assert.equal(cs.resourceType, 'CapabilityStatement');
    assert.equal(cs.fhirVersion, '4.0.1');
    assert.equal(cs.rest[0]!.mode, 'server');
    const byType = new Map(cs.rest[0]!.resource.map((r) => [r.type, r]));
    assert.deepEqual([...byType.keys()].sort(), ['Condition', 'Encounter', 'Immunization', 'MedicationStatement', 'Observation', 'Patient']);
    assert.deepEqual(byType.get('Patient')!.interaction.map((i) => i.code), ['read', 'search-type']);
    assert.deepEqual(byType.get('Observation')!.searchParam.map((p) => p.name), ['patient', 'code', 'date', '_sort', '_count']);
    assert.equal((await t.app.inject({ method: 'GET', url: '/fhir/metadata?_format=json' })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/fhir/metadata?mode=terminology' })).statusCode, 400);
  });

  it('needs an Idempotency-Key on writes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/kiosk/heartbeat', headers: DEVICE, payload: { version: '1', uptimeSeconds: 1 } });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).code, 'IDEMPOTENCY_KEY_REQUIRED');
  });

  it('rate-limits per device', async () => {
    const limited = await (await import('./helpers.js')).createTestApp({ rateLimitPerMinute: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i += 1) codes.push((await limited.app.inject({ method: 'GET', url: '/api/kiosk/sites/xikou-hall', headers: DEVICE })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 200, 200, 429, 429]);
      const last = await limited.app.inject({ method: 'GET', url: '/api/kiosk/sites/xikou-hall', headers: DEVICE });
      assert.equal(json(last).code, 'RATE_LIMITED');
      const other = await limited.app.inject({ method: 'GET', url: '/api/kiosk/sites/xikou-hall', headers: { 'x-device-key': 'ckd_demo-ningde-donghu.demo-secret' } });
      assert.notEqual(other.statusCode, 429, 'another device has its own budget');
      assert.equal((await limited.app.inject({ method: 'GET', url: '/' })).statusCode, 200, 'the home page is never throttled');
    } finally {
      await limited.close();
    }
  });

  it('publishes an OpenAPI document covering every route', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    assert.match(doc.openapi, /^3\./);
    for (const p of ['/api/stations', '/api/library/checkout', '/api/deliberation/motions/{motionId}/ballots', '/fhir/Observation', '/api/kiosk/heartbeat', '/api/residents/signin', '/api/kiosk/sites/{siteId}', '/fhir/metadata']) {
      assert.ok(doc.paths[p], p);
    }
  });

  it('uses a key per write', () => assert.notEqual(newKey(), newKey()));

  it('says at / what to build and where the component workshop is, in both languages and CSP-clean', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /STATIC_DIR/);
    assert.match(res.body, /组件工作台（Storybook）.*<a href="http:\/\/localhost:6006">/);
    assert.match(res.body, /The component workshop \(Storybook\) is served by the run command .*<a href="http:\/\/localhost:6006">http:\/\/localhost:6006<\/a>/);
    assert.doesNotMatch(res.body, /<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-/);
  });
});
