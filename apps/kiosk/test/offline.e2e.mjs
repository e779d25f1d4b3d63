// Issue 14 item 6: the kiosk keeps working when its server is gone — the app shell and
// public data come from the service worker's copy, a banner says so, and nothing sent
// with a token was ever kept.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, kioskPage, launch, pageText, SITE, waitForApp } from './helpers.mjs';

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A server of our own (the suite's stays up for the other tests), on the same database. */
async function startServer(port) {
  const server = spawn(process.execPath, [process.env.KIOSK_SERVER_MAIN], {
    cwd: process.env.KIOSK_TMP,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, STATIC_DIR: process.env.KIOSK_DIST, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).ok) return server;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the second server did not start');
}

async function stopServer(server) {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

describe('offline', () => {
  let browser;
  let server;
  let port;
  let watch;

  before(async () => {
    assert.ok(fs.existsSync(path.join(process.env.KIOSK_DIST, 'sw.js')), 'the build made a service worker');
    port = await freePort();
    server = await startServer(port);
    browser = await launch();
    watch = await kioskPage(browser, { serviceWorkers: 'allow' });
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
  });

  it('sets up its offline copy while online: the service worker controls the page', async () => {
    const { page } = watch;
    await page.goto(`http://127.0.0.1:${port}/`);
    await waitForApp(page, 'ready', 'home');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    // Visit the finder once while online, so its public data is in the copy.
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await page.locator('ck-station-finder .row').first().waitFor({ timeout: 20_000 });
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
  });

  it('starts with the server gone: home and the station finder from the copy, and a banner says the network is down', async () => {
    const { page, context } = watch;
    await stopServer(server);
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page, 'ready', 'home', 30_000);
    const text = await pageText(page);
    assert.ok(text.includes(SITE.zh), 'the site from the kept configuration');
    assert.ok(text.includes('暂无网络') || text.includes('No network'), 'the offline banner');
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await page.locator('ck-station-finder .row').first().waitFor({ timeout: 20_000 });
    assertNoViolations(watch);
  });

  it('kept only public data: no answer sent with a token, nothing of /fhir, no write', async () => {
    const { page } = watch;
    const kept = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push({ cache: name, url: new URL(request.url).pathname, auth: request.headers.has('authorization'), method: request.method });
      }
      return urls;
    });
    const data = kept.filter((k) => k.url.startsWith('/api/') || k.url.startsWith('/fhir'));
    assert.ok(data.some((k) => k.url === '/api/kiosk/site'), `the site configuration is kept: ${JSON.stringify(data)}`);
    assert.ok(data.some((k) => k.url.startsWith('/api/stations')), 'the stations are kept');
    assert.deepEqual(data.filter((k) => k.auth || k.method !== 'GET' || k.url.startsWith('/fhir') || /signin|\/me$|my-ballot|heartbeat/.test(k.url)), [], 'nothing personal and no write');
  });

  it('comes back by itself when the network and server return', async () => {
    const { page, context } = watch;
    server = await startServer(port);
    await context.setOffline(false);
    await page.waitForFunction(() => !document.querySelector('ck-kiosk-app').shadowRoot.querySelector('.offline-note'), undefined, { timeout: 10_000 });
  });
});
