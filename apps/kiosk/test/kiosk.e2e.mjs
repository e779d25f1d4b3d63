// A visitor's whole visit on a portrait (1080x1920) city-station kiosk, against the real server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, launch, pageText, SITE, waitForApp } from './helpers.mjs';

/** The server's fleet command (`pnpm --filter @civic-kiosk/server device:…`), on the test server's database. */
function devices(...args) {
  const cli = path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), 'cli/devices.js');
  const env = { ...process.env, SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, PUBLIC_URL: BASE, DATABASE_URL: '' };
  return execFileSync(process.execPath, [cli, ...args], { cwd: process.env.KIOSK_TMP, env, encoding: 'utf8' });
}

/** `#abc` as `#aabbcc`, lower case. */
const hex6 = (value) => value.toLowerCase().replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/, '#$1$1$2$2$3$3');

/** Sizes of the shell's own touch targets (top bar, tiles, Home button), shadow roots included. */
function shellTargets(page) {
  return page.evaluate(() => {
    const app = document.querySelector('ck-kiosk-app');
    const roots = [app.shadowRoot, app.shadowRoot.querySelector('ck-home')?.shadowRoot, ...[...app.shadowRoot.querySelectorAll('ck-button')].map((b) => b.shadowRoot)].filter(Boolean);
    return roots.flatMap((root) =>
      [...root.querySelectorAll('button')]
        .map((b) => ({ text: b.textContent.trim().replace(/\s+/g, ' '), ...b.getBoundingClientRect().toJSON() }))
        .filter((b) => b.width > 0),
    );
  });
}

describe('kiosk visit (portrait)', () => {
  let browser;
  let watch;
  let page;
  let credential;

  before(async () => {
    browser = await launch();
    // A new kiosk: no credential yet; staff open the link that device:add printed (its last line).
    watch = await kioskPage(browser, { credential: null });
    page = watch.page;
    const link = devices('add', SITE.id).trim().split('\n').pop();
    assert.match(link, /\/\?enroll=[0-9A-Z-]+$/);
    await page.goto(`${link}&idle=20&warn=6&heartbeat=5`);
  });
  after(async () => {
    await browser?.close();
  });

  it('enrolls once with the link: keeps its own credential and takes the code out of the address', async () => {
    await waitForApp(page, 'ready', 'home');
    credential = await page.evaluate(() => localStorage.getItem('ck-kiosk-credential'));
    assert.match(credential ?? '', /^ckd_kiosk-[a-z0-9]+\./, 'a credential of its own, not the demo one');
    assert.equal(new URL(page.url()).searchParams.has('enroll'), false);
    assert.ok(devices('list').includes(credential.slice(4, credential.lastIndexOf('.'))), 'device:list shows the new kiosk');
  });

  it('home shows the site, its responsible official and phone, in Chinese', async () => {
    await waitForApp(page, 'ready', 'home');
    const text = await pageText(page);
    for (const expected of [SITE.zh, SITE.official, SITE.phone, '一站一长', '找附近驿站', '中文', 'English', '长辈版']) assert.ok(text.includes(expected), `home shows ${expected}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.locator('ck-home .tile').count(), 1, 'a city station offers one built service: the station finder');
    for (const target of await shellTargets(page)) assert.ok(target.height >= 48 && target.width >= 48, `touch target "${target.text}" is at least 48 px (${target.width}x${target.height})`);
    await expectAccessible(page, 'home');
  });

  it('switches to English and elder mode', async () => {
    await page.locator('ck-kiosk-app button[data-locale="en"]').tap();
    await page.locator('ck-kiosk-app button[data-elder]').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const app = page.locator('ck-kiosk-app');
    assert.equal(await app.getAttribute('data-ck-theme'), 'elder');
    assert.equal(await page.locator('ck-kiosk-app button[data-elder]').getAttribute('aria-pressed'), 'true');
    const text = await pageText(page);
    for (const expected of [SITE.en, 'One station, one official', 'Find a station', 'Elder mode']) assert.ok(text.includes(expected), `English home shows ${expected}`);
    const touch = await app.evaluate((el) => getComputedStyle(el).getPropertyValue('--ck-touch-target').trim());
    assert.equal(touch, '64px');
    for (const target of await shellTargets(page)) assert.ok(target.height >= 64 && target.width >= 64, `elder touch target "${target.text}" is at least 64 px (${target.width}x${target.height})`);
    await expectAccessible(page, 'home, English, elder mode');
  });

  it('adds high contrast on top of elder mode: elder sizes, high-contrast colours', async () => {
    const app = page.locator('ck-kiosk-app');
    const contrast = page.locator('ck-kiosk-app button[data-contrast]');
    assert.equal(await contrast.getAttribute('aria-pressed'), 'false');
    assert.ok((await pageText(page)).includes('High contrast'), 'the switch says what it does');
    await contrast.tap();
    assert.equal(await contrast.getAttribute('aria-pressed'), 'true');
    assert.equal(await app.getAttribute('data-ck-theme'), 'elder high-contrast');
    const tokens = await app.evaluate((el) => {
      const style = getComputedStyle(el);
      return { bg: style.getPropertyValue('--ck-color-bg').trim(), text: style.getPropertyValue('--ck-color-text').trim(), touch: style.getPropertyValue('--ck-touch-target').trim(), surface: style.backgroundColor };
    });
    // Chromium may shorten the hex colours (#000): compared as colours.
    assert.deepEqual({ ...tokens, bg: hex6(tokens.bg), text: hex6(tokens.text) }, { bg: '#000000', text: '#ffffff', touch: '64px', surface: 'rgb(0, 0, 0)' }, JSON.stringify(tokens));
    for (const target of await shellTargets(page)) assert.ok(target.height >= 64 && target.width >= 64, `elder + high contrast touch target "${target.text}" is at least 64 px (${target.width}x${target.height})`);
    await expectAccessible(page, 'home, English, elder mode + high contrast');
    // Elder off again: high contrast stays, at standard sizes.
    await page.locator('ck-kiosk-app button[data-elder]').tap();
    assert.equal(await app.getAttribute('data-ck-theme'), 'standard high-contrast');
    assert.equal(await app.evaluate((el) => getComputedStyle(el).getPropertyValue('--ck-touch-target').trim()), '48px');
    await expectAccessible(page, 'home, English, high contrast');
    await page.locator('ck-kiosk-app button[data-elder]').tap();
  });

  it('opens the station finder full-screen, centred on the site, with a Home button', async () => {
    // The finder's own request carries the kiosk's device credential: it takes the client the app provides.
    const stationsRequest = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/stations');
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    assert.equal((await stationsRequest).headers()['x-device-key'], credential, 'the station list is asked for with the device credential');
    await waitForApp(page, 'ready', 'stations');
    const finder = page.locator('ck-station-finder');
    await finder.locator('.row').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(await finder.evaluate((el) => [el.latitude, el.longitude]), [SITE.lat, SITE.lon]);
    const home = page.locator('ck-kiosk-app .home-button');
    assert.ok(await home.isVisible(), 'the Home button is visible');
    const box = await home.boundingBox();
    assert.ok(box.height >= 64 && box.y < 200, `the Home button is large and at the top (${JSON.stringify(box)})`);
    assert.ok((await finder.locator('.row').count()) > 0, 'the list of nearest stations is shown');
    await expectAccessible(page, 'station finder');
  });

  it('filters for an accessible toilet', async () => {
    const finder = page.locator('ck-station-finder');
    const chip = finder.locator('button[data-filter="wheelchair"]');
    await chip.tap();
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await finder.locator('.row').first().waitFor();
    const ids = await finder.locator('.row').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    assert.ok(ids.length > 0, 'stations with an accessible toilet are listed');
    const stations = await finder.evaluate((el) => el.results.map((r) => r.station.facilities));
    assert.ok(stations.every((f) => f.includes('wheelchair')), 'every listed station has an accessible toilet');
    await expectAccessible(page, 'station finder, accessible toilet');
  });

  it("opens a station's detail with its QR code", async () => {
    const finder = page.locator('ck-station-finder');
    await finder.locator('.row').first().tap();
    const qr = finder.locator('ck-qr-code');
    await qr.waitFor();
    await page.waitForFunction(() => {
      const qr = document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-station-finder').shadowRoot.querySelector('ck-qr-code');
      return qr?.shadowRoot?.querySelector('svg path')?.getAttribute('d')?.length > 100;
    }, undefined, { timeout: 15_000 });
    const value = await qr.evaluate((el) => el.value);
    assert.match(value, /^https:\/\/uri\.amap\.com\/navigation\?/, 'the QR code hands over a walking route');
    await expectAccessible(page, 'station detail');
  });

  it('asks "still there?" and then returns home in the site\'s default language', async () => {
    const dialog = page.locator('ck-kiosk-app ck-dialog');
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-dialog')?.open === true, undefined, { timeout: 20_000 });
    assert.equal(await dialog.getAttribute('heading'), 'Still there?');
    assert.match(await dialog.innerText(), /Returning to the home screen in \d+ s/);
    await expectAccessible(page, 'idle warning');

    await waitForApp(page, 'ready', 'home', 20_000);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(await page.locator('ck-kiosk-app').getAttribute('data-ck-theme'), 'standard', 'elder mode and high contrast are off again');
    assert.equal(await page.locator('ck-kiosk-app button[data-contrast]').getAttribute('aria-pressed'), 'false');
    assert.equal(await dialog.evaluate((el) => el.open), false, 'the warning has closed');
    const text = await pageText(page);
    assert.ok(text.includes(SITE.zh) && text.includes('找附近驿站'), 'home is in Chinese again');
    assert.equal(await page.locator('ck-station-finder').count(), 0, 'the service has been closed');
    await expectAccessible(page, 'home after idle');
  });

  it('reopens the station finder in its initial state', async () => {
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    const finder = page.locator('ck-station-finder');
    await finder.locator('.row').first().waitFor({ timeout: 20_000 });
    assert.equal(await finder.locator('button[data-filter="wheelchair"]').getAttribute('aria-pressed'), 'false');
    assert.equal(await finder.locator('ck-qr-code').count(), 0, 'no station detail open');
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
  });

  it('reports a heartbeat and shows no CSP or Trusted Types violation', async () => {
    // Kiosks do not see the fleet (GET /api/kiosk/devices is gone); staff do, on /ops (ops.e2e.mjs).
    assert.equal((await fetch(`${BASE}/api/kiosk/devices`, { headers: { 'X-Device-Key': credential } })).status, 404);
    const id = credential.slice(4, credential.lastIndexOf('.'));
    const listed = devices('list').split('\n').find((line) => line.includes(id));
    assert.match(listed ?? '', /\d{4}-\d\d-\d\dT[\d:.]+Z\S*\s*│?\s*$/, `device:list shows the kiosk's last heartbeat: ${listed}`);
    assertNoViolations(watch);
  });
});

describe('a revoked kiosk', () => {
  it('says it was revoked, in both languages, once staff revoke its credential', async () => {
    const browser = await launch();
    try {
      const watch = await kioskPage(browser, { credential: null });
      await watch.page.goto(devices('add', SITE.id).trim().split('\n').pop());
      await waitForApp(watch.page, 'ready', 'home');
      const credential = await watch.page.evaluate(() => localStorage.getItem('ck-kiosk-credential'));
      devices('revoke', credential.slice(4, credential.lastIndexOf('.')));
      await watch.page.reload();
      await waitForApp(watch.page, 'out-of-service');
      const text = await pageText(watch.page);
      assert.ok(text.includes('credential was revoked') && text.includes('已被撤销'), text);
      await expectAccessible(watch.page, 'revoked');
      assertNoViolations(watch);
    } finally {
      await browser.close();
    }
  });
});

describe('the village hall: all four services, each full-screen with Home and the same top bar (item 1)', () => {
  const HALL = 'ckd_demo-xikou-hall.demo-secret';
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
    it(`${viewport.width}x${viewport.height}: stations, parking vote, library, health; high contrast on for the visit`, async () => {
      const watch = await kioskPage(browser, { credential: HALL, viewport });
      const { page } = watch;
      await page.goto(`${BASE}/?heartbeat=3600&idle=600`);
      await waitForApp(page, 'ready', 'home');
      const ids = await page.locator('ck-home .tile').evaluateAll((tiles) => tiles.map((t) => t.dataset.service));
      assert.deepEqual([...ids].sort(), ['deliberation', 'health', 'library', 'stations'], 'the village hall offers all four');
      await page.locator('ck-kiosk-app button[data-contrast]').tap();
      const barOf = () =>
        page.evaluate(() => {
          const root = document.querySelector('ck-kiosk-app').shadowRoot;
          const bar = root.querySelector('header.topbar');
          const switches = [...(bar?.querySelectorAll('.switches button') ?? [])].map((b) => b.dataset.locale ?? Object.keys(b.dataset)[0]);
          return { switches, bar: bar?.getBoundingClientRect().toJSON() };
        });
      const homeBar = await barOf();
      for (const id of ids) {
        const title = (await page.locator(`ck-home .tile[data-service="${id}"] .tile-title`).innerText()).trim();
        await page.locator(`ck-home .tile[data-service="${id}"]`).tap();
        await waitForApp(page, 'ready', id);
        await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('.service > :not(ck-status-banner)'), undefined, { timeout: 20_000 });
        const layout = await page.evaluate(() => {
          const root = document.querySelector('ck-kiosk-app').shadowRoot;
          const service = root.querySelector('.service').getBoundingClientRect();
          const element = root.querySelector('.service > *');
          return {
            title: root.querySelector('header .title')?.textContent.trim(),
            home: Boolean(root.querySelector('header .home-button')),
            serviceBottom: service.bottom,
            serviceTop: service.top,
            elementHeight: element.getBoundingClientRect().height,
            pageScroll: document.scrollingElement.scrollHeight - innerHeight,
            bg: getComputedStyle(element).getPropertyValue('--ck-color-bg').trim(),
          };
        });
        const bar = await barOf();
        assert.equal(layout.title, title, `${id}: the top bar names the service`);
        assert.ok(layout.home, `${id}: a Home button in the top bar`);
        assert.deepEqual(bar.switches, homeBar.switches, `${id}: the same switches as on the home screen`);
        assert.equal(Math.round(bar.bar.top), 0, `${id}: the top bar is at the top`);
        assert.ok(Math.abs(layout.serviceBottom - viewport.height) <= 1 && layout.serviceTop <= bar.bar.bottom + 1, `${id}: the service fills the screen below the bar (${JSON.stringify(layout)})`);
        assert.ok(layout.elementHeight > viewport.height * 0.5, `${id}: the service element fills its area (${layout.elementHeight})`);
        assert.ok(layout.pageScroll <= 0, `${id}: no page scroll`);
        assert.equal(hex6(layout.bg), '#000000', `${id}: high contrast reaches the service (${layout.bg})`);
        await expectAccessible(page, `${id}, high contrast, ${viewport.width}x${viewport.height}`);
        await page.locator('ck-kiosk-app .home-button').tap();
        await waitForApp(page, 'ready', 'home');
      }
      assert.equal(await page.locator('ck-kiosk-app').getAttribute('data-ck-theme'), 'standard high-contrast', 'high contrast holds for the whole visit');
      assertNoViolations(watch);
      await watch.context.close();
    });
  }
});
