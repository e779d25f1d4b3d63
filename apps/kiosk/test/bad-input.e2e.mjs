// A server that is down, slow, or sends a site configuration the kiosk cannot use:
// a clear out-of-service screen in both languages, retrying by itself, and recovery without a reload.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, launch, pageText, SITE, waitForApp } from './helpers.mjs';

const SITE_ROUTE = '**/api/kiosk/site';

async function expectOutOfService(page) {
  await waitForApp(page, 'out-of-service', undefined, 20_000);
  const text = await pageText(page);
  for (const words of ['暂停服务', 'Out of service', '立即重试', 'Try now']) assert.ok(text.includes(words), `out-of-service screen says "${words}"`);
  assert.match(text, /秒后自动重试|正在重试/);
  assert.match(text, /Next try in \d+ s|Trying again/);
}

/** Loads the kiosk with the site-configuration request answered by `handler`, checks the out-of-service screen, then lets requests through. */
async function outageThenRecovery(browser, handler, query = '') {
  const watch = await kioskPage(browser);
  const { page } = watch;
  await page.route(SITE_ROUTE, handler);
  await page.goto(`${BASE}/?${query.replace(/^&/, '')}`);
  await expectOutOfService(page);
  await expectAccessible(page, 'out of service');
  // Marks this document: a reload would lose it.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.unroute(SITE_ROUTE);
  await waitForApp(page, 'ready', 'home', 30_000);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
  assert.ok((await pageText(page)).includes(SITE.zh), 'the home screen is back');
  assertNoViolations(watch);
  await watch.context.close();
}

describe('bad input: the site configuration', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('malformed JSON: out of service, then recovers by itself', async () => {
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"ningde-donghu","name":' }));
  });

  it('a 500 answer: out of service, then recovers by itself', async () => {
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }));
  });

  it('well-formed JSON of the wrong shape (no position, services not a list): out of service, then recovers', async () => {
    const body = JSON.stringify({ id: SITE.id, name: { 'zh-CN': SITE.zh, en: SITE.en }, services: 'stations', official: { name: SITE.official, phone: SITE.phone } });
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  });

  it('a server too slow to answer: out of service, then recovers by itself', async () => {
    await outageThenRecovery(
      browser,
      async (route) => {
        await new Promise((r) => setTimeout(r, 3000));
        await route.continue().catch(() => {});
      },
      '&timeout=1',
    );
  });

  it('a kiosk that was never enrolled: out of service, saying how to enroll it', async () => {
    const watch = await kioskPage(browser, { credential: null });
    await watch.page.goto(`${BASE}/`);
    await expectOutOfService(watch.page);
    const text = await pageText(watch.page);
    assert.ok(text.includes('This kiosk is not enrolled yet') && text.includes('本机尚未登记'), text);
    await expectAccessible(watch.page, 'not enrolled');
    await watch.context.close();
  });

  it('a credential the server does not know: out of service, not enrolled', async () => {
    const watch = await kioskPage(browser, { credential: 'ckd_kiosk-nobody.not-a-real-secret-0123' });
    await watch.page.goto(`${BASE}/`);
    await expectOutOfService(watch.page);
    assert.ok((await pageText(watch.page)).includes('This kiosk is not enrolled yet'));
    await watch.context.close();
  });

  it('a used or mistyped enrollment link: out of service, and the code leaves the address', async () => {
    const watch = await kioskPage(browser, { credential: null });
    await watch.page.goto(`${BASE}/?enroll=ZZZZ-ZZZZ-ZZZZ-ZZZZ&lang=en`);
    await expectOutOfService(watch.page);
    assert.ok((await pageText(watch.page)).includes('The enrollment link is not valid'));
    assert.equal(new URL(watch.page.url()).search, '?lang=en');
    await watch.context.close();
  });

  it('an enrolled kiosk that boots into its used enrollment link keeps its credential and runs', async () => {
    const watch = await kioskPage(browser);
    await watch.page.goto(`${BASE}/?enroll=ZZZZ-ZZZZ-ZZZZ-ZZZZ`);
    await waitForApp(watch.page, 'ready', 'home');
    assert.equal(new URL(watch.page.url()).searchParams.has('enroll'), false, 'the used code leaves the address');
    assert.ok((await pageText(watch.page)).includes(SITE.zh));
    await watch.context.close();
  });
});

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

describe('bad input: the server is down at start-up', () => {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    server?.kill('SIGTERM');
    await browser?.close();
  });

  it('shows out of service in both languages, and recovers without a restart once the server is up', async () => {
    const dist = process.env.KIOSK_DIST;
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // The app itself comes from the kiosk's disk (as from a local cache), under the server's own CSP.
    const csp = (await fetch(`${BASE}/`)).headers.get('content-security-policy');
    assert.ok(csp?.includes("script-src 'self'"), 'the real server sends its CSP');
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/api/')) return route.continue().catch(() => {});
      const file = path.join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
      if (!file.startsWith(dist) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ path: file, headers: { 'content-security-policy': csp } });
    });
    await page.goto(`${origin}/`);
    await expectOutOfService(page);
    await expectAccessible(page, 'out of service (server down)');
    await page.evaluate(() => (window.__sameDocument = true));

    server = spawn(process.execPath, [process.env.KIOSK_SERVER_MAIN], {
      cwd: process.env.KIOSK_TMP,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, LOG_LEVEL: 'warn', STATIC_DIR: '' },
      stdio: 'ignore',
    });
    await waitForApp(page, 'ready', 'home', 45_000);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
    assert.ok((await pageText(page)).includes(SITE.official));
    assertNoViolations(watch);
  });
});
