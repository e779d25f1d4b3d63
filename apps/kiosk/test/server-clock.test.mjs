// Pure logic, in plain Node: src/server-clock.ts and src/response-watch.ts bundled on the fly with esbuild.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = {};
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-unit-'));
  for (const name of ['server-clock', 'response-watch']) {
    const outfile = path.join(dir, `${name}.mjs`);
    await build({ entryPoints: [path.join(root, `src/${name}.ts`)], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', outfile, logLevel: 'error' });
    modules[name] = await import(pathToFileURL(outfile).href);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server clock', () => {
  const local = Date.parse('2026-12-01T03:00:00.000Z');

  it('follows the server when the kiosk is hours off, in either direction', () => {
    const { ServerClock } = modules['server-clock'];
    const clock = new ServerClock(() => local);
    clock.observe('Tue, 01 Dec 2026 08:00:00 GMT', local);
    assert.equal(clock.skewed, true);
    assert.equal(clock.now().toISOString(), '2026-12-01T08:00:00.500Z');
    clock.observe('Mon, 30 Nov 2026 22:00:00 GMT', local);
    assert.equal(clock.now().toISOString(), '2026-11-30T22:00:00.500Z');
  });

  it('leaves a clock within three minutes alone (the header is cut to the second and arrives late)', () => {
    const { ServerClock, CLOCK_TRUST_MS } = modules['server-clock'];
    const clock = new ServerClock(() => local);
    clock.observe(new Date(local + CLOCK_TRUST_MS - 1000).toUTCString(), local);
    assert.equal(clock.skewed, false);
    assert.equal(clock.now().getTime(), local);
    clock.observe(new Date(local + CLOCK_TRUST_MS + 60_000).toUTCString(), local);
    assert.equal(clock.skewed, true);
  });

  it('ignores a missing or unreadable Date header, keeping what it knew', () => {
    const { ServerClock } = modules['server-clock'];
    const clock = new ServerClock(() => local);
    clock.observe('Tue, 01 Dec 2026 08:00:00 GMT', local);
    for (const bad of [null, undefined, '', 'yesterday-ish']) clock.observe(bad, local);
    assert.equal(clock.now().toISOString(), '2026-12-01T08:00:00.500Z');
  });
});

describe('what the shell hears from the services\' answers', () => {
  const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', Date: 'Tue, 01 Dec 2026 08:00:00 GMT', ...headers } });

  async function hear(response, url = 'http://kiosk.test/api/library/me') {
    const { watchingFetch } = modules['response-watch'];
    const signals = [];
    const dates = [];
    const fetch = watchingFetch({ signal: (s) => signals.push(s), date: (h) => dates.push(h) }, async () => response);
    const answer = await fetch(url);
    return { signals, dates, answer };
  }

  it('a revoked credential, and only that 401', async () => {
    assert.deepEqual((await hear(json(401, { code: 'DEVICE_REVOKED' }))).signals, [{ kind: 'revoked' }]);
    assert.deepEqual((await hear(json(401, { code: 'UNAUTHORIZED' }))).signals, []);
    assert.deepEqual((await hear(new Response('<h1>no</h1>', { status: 401 }))).signals, []);
  });

  it('a server failure with its status, and the path only (no query, no body)', async () => {
    const { signals } = await hear(new Response('oops', { status: 503 }), 'http://kiosk.test/api/stations?lat=1&lon=2');
    assert.deepEqual(signals, [{ kind: 'server-error', status: 503, path: '/api/stations' }]);
  });

  it('kiosk-wide waits with their seconds (body first, then Retry-After); a card\'s PIN wait is left to the service', async () => {
    assert.deepEqual((await hear(json(429, { code: 'DEVICE_THROTTLED', retryAfterSeconds: 900 }))).signals, [{ kind: 'wait', code: 'DEVICE_THROTTLED', seconds: 900, path: '/api/library/me' }]);
    assert.deepEqual((await hear(json(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '12' }))).signals, [{ kind: 'wait', code: 'RATE_LIMITED', seconds: 12, path: '/api/library/me' }]);
    assert.deepEqual((await hear(new Response('', { status: 429 }))).signals, [{ kind: 'wait', code: 'RATE_LIMITED', seconds: undefined, path: '/api/library/me' }]);
    assert.deepEqual((await hear(json(429, { code: 'PIN_WAIT', retryAfterSeconds: 30 }))).signals, []);
    assert.deepEqual((await hear(json(423, { code: 'PIN_LOCKED', retryAfterSeconds: 900 }))).signals, []);
  });

  it('passes every answer on unread: the service still gets its body', async () => {
    const { answer, dates, signals } = await hear(json(401, { code: 'DEVICE_REVOKED', message: 'revoked' }));
    assert.equal((await answer.json()).message, 'revoked');
    assert.deepEqual(dates, ['Tue, 01 Dec 2026 08:00:00 GMT']);
    assert.equal(signals.length, 1);
    assert.deepEqual((await hear(json(200, { ok: true }))).signals, [{ kind: 'ok', path: '/api/library/me' }]);
  });
});
