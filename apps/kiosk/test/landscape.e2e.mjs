// The same kiosk turned 90°: 1920x1080 is laid out on purpose, and the kiosk hygiene holds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, LANDSCAPE, launch, waitForApp } from './helpers.mjs';

describe('kiosk in landscape (1920x1080)', () => {
  let browser;
  let watch;
  let page;

  before(async () => {
    browser = await launch();
    watch = await kioskPage(browser, { viewport: LANDSCAPE });
    page = watch.page;
    await page.goto(`${BASE}/`);
    await waitForApp(page, 'ready', 'home');
  });
  after(async () => {
    await browser?.close();
  });

  it('lays the home screen out across: the site on top, the service and the official side by side', async () => {
    const boxes = await page.evaluate(() => {
      const home = document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-home').shadowRoot;
      const box = (sel) => home.querySelector(sel).getBoundingClientRect().toJSON();
      return { hero: box('.hero'), services: box('.services'), official: box('.official') };
    });
    assert.ok(boxes.hero.bottom <= boxes.services.top + 1, 'the site band is above the services');
    assert.ok(boxes.hero.width > 1700, 'the site band spans the screen');
    assert.ok(boxes.services.right <= boxes.official.left, 'the services are left of the official');
    assert.ok(Math.abs(boxes.services.top - boxes.official.top) < 2, 'side by side');
    assert.ok(boxes.official.bottom <= LANDSCAPE.height, 'the official is on screen without scrolling');
    await expectAccessible(page, 'home (landscape)');
  });

  it('shows the station finder with the list and the map side by side', async () => {
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    const finder = page.locator('ck-station-finder');
    await finder.locator('.row').first().waitFor({ timeout: 20_000 });
    const [side, map] = await finder.evaluate((el) => ['.side', '.map-wrap'].map((s) => el.shadowRoot.querySelector(s).getBoundingClientRect().toJSON()));
    assert.ok(side.right <= map.left + 1, 'list left of the map');
    assert.ok(map.bottom <= LANDSCAPE.height, 'the map ends on screen');
    await expectAccessible(page, 'station finder (landscape)');
  });

  it('keeps kiosk hygiene: no selection, no context menu, no zoom gestures, no system keyboard', async () => {
    const hygiene = await page.evaluate(() => {
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('ck-kiosk-app').dispatchEvent(menu);
      const wheel = new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 });
      document.body.dispatchEvent(wheel);
      const inputs = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) inputs.push(el.outerHTML.slice(0, 80));
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return {
        viewport: document.querySelector('meta[name="viewport"]').content,
        userSelect: getComputedStyle(document.body).userSelect,
        touchAction: getComputedStyle(document.documentElement).touchAction,
        contextMenuBlocked: menu.defaultPrevented,
        zoomWheelBlocked: wheel.defaultPrevented,
        inputs,
      };
    });
    assert.match(hygiene.viewport, /width=device-width/);
    assert.equal(hygiene.userSelect, 'none');
    assert.equal(hygiene.touchAction, 'pan-x pan-y', 'taps without double-tap or pinch zoom');
    assert.equal(hygiene.contextMenuBlocked, true, 'the context menu is suppressed');
    assert.equal(hygiene.zoomWheelBlocked, true, 'ctrl+wheel zoom is suppressed');
    assert.deepEqual(hygiene.inputs, [], 'no field that would open the system keyboard');
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
    assertNoViolations(watch);
  });
});
