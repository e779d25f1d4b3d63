// The station finder fits every kiosk screen without page scroll: both orientations, both
// languages, standard and elder. The list scrolls inside its panel; the whole map is on screen;
// no pin covers another, "you are here" or its label.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, kioskPage, LANDSCAPE, launch, PORTRAIT } from './helpers.mjs';

describe('the station finder fits every kiosk screen', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    for (const lang of ['zh-CN', 'en']) {
      for (const elder of [false, true]) {
        it(`${name}, ${lang}, ${elder ? 'elder' : 'standard'}`, async () => {
          const { context, page } = await kioskPage(browser, { viewport });
          try {
            await page.goto(`${BASE}/?lang=${lang}&elder=${elder ? 1 : 0}&service=stations`);
            const finder = page.locator('ck-station-finder');
            await finder.locator('.row').first().waitFor({ timeout: 20_000 });
            await finder.locator('.ck-pin').first().waitFor({ state: 'attached', timeout: 20_000 });
            // The map places its labels and pins after its first draw.
            await page.waitForTimeout(300);
            const m = await page.evaluate(() => {
              const app = document.querySelector('ck-kiosk-app').shadowRoot;
              const root = app.querySelector('ck-station-finder').shadowRoot;
              const box = (el) => el.getBoundingClientRect().toJSON();
              const content = app.querySelector('.content');
              const side = root.querySelector('.side');
              const marks = [...root.querySelectorAll('.ck-pin > div, .ck-cluster > div, .here-dot, .here-label')].map(box);
              return {
                page: document.scrollingElement.scrollHeight - innerHeight,
                content: content.scrollHeight - content.clientHeight,
                map: box(root.querySelector('.map-wrap')),
                listScrolls: side.scrollHeight > side.clientHeight,
                marks,
              };
            });
            assert.ok(m.page <= 0 && m.content <= 0, `no page scroll (page ${m.page}, content ${m.content})`);
            assert.ok(m.map.top >= 0 && m.map.bottom <= viewport.height && m.map.height >= 200, `the map is on screen (${JSON.stringify(m.map)})`);
            assert.ok(m.listScrolls, 'the ten stations scroll inside the list panel');
            const inMap = m.marks.filter((b) => b.bottom > m.map.top && b.top < m.map.bottom - 60 && b.left < m.map.right && b.right > m.map.left);
            for (let i = 0; i < inMap.length; i++) {
              for (let j = i + 1; j < inMap.length; j++) {
                const [a, b] = [inMap[i], inMap[j]];
                assert.ok(!(a.left < b.right - 1 && a.right > b.left + 1 && a.top < b.bottom - 1 && a.bottom > b.top + 1), `marks ${i} and ${j} overlap`);
              }
            }
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});
