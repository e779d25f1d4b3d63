// Pure logic, in plain Node: src/site-config.ts bundled on the fly with esbuild.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let m;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-unit-'));
  const outfile = path.join(dir, 'site-config.mjs');
  await build({ entryPoints: [path.join(root, 'src/site-config.ts')], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', outfile, logLevel: 'error' });
  m = await import(pathToFileURL(outfile).href);
  fs.rmSync(dir, { recursive: true, force: true });
});

const server = () => ({
  id: 'ningde-donghu',
  name: { 'zh-CN': '东湖公园东门驿站', en: 'Donghu Park East Gate Station' },
  position: { lon: 119.5468, lat: 26.6569 },
  services: ['stations'],
  official: { name: '林建华', phone: '0593-2851234' },
});

describe('parseSiteConfig', () => {
  it('reads what the server sends, with zh-CN, no elder mode and Asia/Shanghai as defaults', () => {
    const result = m.parseSiteConfig(server());
    assert.equal(result.ok, true);
    assert.deepEqual(result.config, { ...server(), position: { lat: 26.6569, lon: 119.5468 }, defaultLocale: 'zh-CN', defaultElder: false, idleSeconds: undefined, timeZone: 'Asia/Shanghai', healthTakeAway: 'none', libraryReceipt: 'qr' });
  });

  it('takes the take-away settings of the health record and the library receipt, ignoring anything else', () => {
    const ok = m.parseSiteConfig({ ...server(), healthTakeAway: 'print', libraryReceipt: 'none' }).config;
    assert.deepEqual([ok.healthTakeAway, ok.libraryReceipt], ['print', 'none']);
    const odd = m.parseSiteConfig({ ...server(), healthTakeAway: 'fax', libraryReceipt: 42 }).config;
    assert.deepEqual([odd.healthTakeAway, odd.libraryReceipt], ['none', 'qr']);
  });

  it('keeps the services it knows, in order, once each', () => {
    const result = m.parseSiteConfig({ ...server(), services: ['library', 'teleport', 'stations', 'library'] });
    assert.deepEqual(result.config.services, ['library', 'stations']);
  });

  it('takes optional site defaults (language, elder mode, idle time, time zone) when they are sane', () => {
    const ok = m.parseSiteConfig({ ...server(), defaultLocale: 'en', elder: true, idleSeconds: 120, timeZone: 'Asia/Urumqi' }).config;
    assert.deepEqual([ok.defaultLocale, ok.defaultElder, ok.idleSeconds, ok.timeZone], ['en', true, 120, 'Asia/Urumqi']);
    const odd = m.parseSiteConfig({ ...server(), defaultLocale: 'fr', idleSeconds: 1, timeZone: '<script>' }).config;
    assert.deepEqual([odd.defaultLocale, odd.idleSeconds, odd.timeZone], ['zh-CN', undefined, 'Asia/Shanghai']);
  });

  it('refuses anything the kiosk cannot run on', () => {
    const bad = [
      null,
      'text',
      [],
      { ...server(), id: '' },
      { ...server(), name: 'Donghu' },
      { ...server(), name: { 'zh-CN': '东湖' } },
      { ...server(), position: undefined },
      { ...server(), position: { lat: '26.6', lon: 119.5 } },
      { ...server(), position: { lat: 95, lon: 119.5 } },
      { ...server(), position: { lat: Number.NaN, lon: 119.5 } },
      { ...server(), services: 'stations' },
      { ...server(), services: [1, 2] },
      { ...server(), official: { name: '林建华' } },
      { ...server(), official: null },
    ];
    for (const data of bad) assert.equal(m.parseSiteConfig(data).ok, false, JSON.stringify(data));
  });
});

describe('kiosk settings', () => {
  it('reads idle time, defaults and timing from the URL, ignoring nonsense; never the site', () => {
    const s = m.readSettings('?site=xikou-hall&idle=30&warn=5&lang=en&elder=1&timeout=2&heartbeat=10');
    assert.deepEqual([s.idleSeconds, s.warningSeconds, s.locale, s.elder, s.requestTimeoutMs, s.heartbeatMs], [30, 5, 'en', true, 2000, 10_000]);
    assert.equal('siteId' in s, false, 'the site comes from the enrolled credential');
    const d = m.readSettings('?idle=abc&lang=fr');
    assert.deepEqual([d.idleSeconds, d.locale, d.elder, d.requestTimeoutMs, d.heartbeatMs], [undefined, undefined, undefined, 8000, 60_000]);
  });

  it('times out after 90 s by default, with a 15 s warning; the URL beats the site', () => {
    assert.deepEqual(m.idleTiming({}), { timeoutMs: 90_000, warningMs: 15_000 });
    assert.deepEqual(m.idleTiming({}, { idleSeconds: 120 }), { timeoutMs: 120_000, warningMs: 15_000 });
    assert.deepEqual(m.idleTiming({ idleSeconds: 12 }, { idleSeconds: 120 }), { timeoutMs: 12_000, warningMs: 4000 });
    assert.deepEqual(m.idleTiming({ idleSeconds: 12, warningSeconds: 30 }), { timeoutMs: 12_000, warningMs: 12_000 });
  });

  it('backs off 1, 2, 4, 8 s, then retries every 15 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map((n) => m.retryDelayMs(n)), [1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });
});
