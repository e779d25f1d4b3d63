// The React 19 example (Vite build, @civic-kiosk/react wrappers): props from React
// state reach the elements, their events reach React handlers, the village theme
// applies, all against the API on another origin under the site's strict CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API, axeViolations, REACT_URL, SITE, embedPage, launch, partStyle, stationRows } from './helpers.mjs';

/** The finder's element properties, read from the page. */
function finderProps(page) {
  return page.evaluate(() => {
    const finder = document.querySelector('ck-station-finder');
    return { limit: finder.limit, filters: [...finder.filters], origin: finder.origin, api: finder.api, timeZone: finder.timeZone };
  });
}

describe('React 19 app (Vite, @civic-kiosk/react wrappers)', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test('both services render the server\'s data across origins, under a strict CSP', async () => {
    const { context, page, problems, apiResponses } = await embedPage(browser);
    const response = await page.goto(`${REACT_URL}/`);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'the Vite build needs no inline script');
    await stationRows(page).nth(4).waitFor({ timeout: 20_000 });
    assert.equal(await stationRows(page).count(), 5, 'limit 5, the React default');
    assert.match(await stationRows(page).first().innerText(), new RegExp(SITE.zh));
    await page.locator('ck-parking-board [part~="proposals"]').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(await page.evaluate(() => {
      const board = document.querySelector('ck-parking-board');
      return { topicId: board.topicId, view: board.view, currentView: board.currentView };
    }), { topicId: 'topic-parking', view: 'proposals', currentView: 'proposals' });
    const stations = apiResponses.find((r) => new URL(r.url()).pathname === '/api/stations' && r.status() === 200);
    assert.ok(stations, `GET ${API}/stations answered`);
    assert.equal(stations.headers()['access-control-allow-origin'], REACT_URL);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('props set from React state reach the element (limit, filters, and an object prop without an attribute)', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${REACT_URL}/`);
    await stationRows(page).nth(4).waitFor({ timeout: 20_000 });
    const first = await finderProps(page);
    assert.equal(first.limit, 5);
    assert.deepEqual(first.filters, []);
    assert.deepEqual(first.origin, { lat: 26.659154, lon: 119.549627 }, 'origin is a property only: set by the wrapper');
    assert.equal(first.api, API);
    assert.equal(first.timeZone, 'Asia/Shanghai');

    await page.selectOption('select[name="limit"]', '3');
    await page.waitForFunction(() => document.querySelector('ck-station-finder').shadowRoot.querySelectorAll('[part~="row"]').length === 3, null, { timeout: 10_000 });
    assert.equal((await finderProps(page)).limit, 3);

    await page.getByRole('checkbox', { name: '无障碍厕所' }).check();
    await page.waitForFunction(() => document.querySelector('ck-station-finder').filters.join() === 'wheelchair', null, { timeout: 10_000 });
    assert.equal(await page.locator('ck-station-finder [part~="chip"][data-filter="wheelchair"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('ck-station-finder [part~="chip"][data-filter="baby_change"]').getAttribute('aria-pressed'), 'false');
    await page.getByRole('checkbox', { name: '无障碍厕所' }).uncheck();
    await page.waitForFunction(() => document.querySelector('ck-station-finder').filters.length === 0, null, { timeout: 10_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('events reach React handlers: onCkStationSelect into state, onCkFiltersChange back to React\'s checkboxes', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${REACT_URL}/`);
    await stationRows(page).first().waitFor({ timeout: 20_000 });
    // A chip toggled inside the element: the visitor's choice comes back to React, whose checkbox follows.
    await page.locator('ck-station-finder [part~="chip"][data-filter="baby_change"]').click();
    await page.waitForFunction(() => document.getElementById('filters-in-force').textContent === 'baby_change', null, { timeout: 10_000 });
    assert.equal(await page.getByRole('checkbox', { name: '母婴室' }).isChecked(), true);
    // ... and passing it back as a prop keeps the element's own state (the chip stays on).
    assert.equal(await page.locator('ck-station-finder [part~="chip"][data-filter="baby_change"]').getAttribute('aria-pressed'), 'true');

    // The visitor chooses a station: its name lands in React state.
    const second = stationRows(page).nth(1);
    await second.waitFor({ timeout: 20_000 });
    const name = await second.locator('.name').evaluate((el) => {
      const copy = el.cloneNode(true);
      copy.querySelector('.visually-hidden')?.remove();
      return copy.textContent.trim();
    });
    assert.equal(await page.locator('#chosen-station').innerText(), '在列表或地图上点一个驿站');
    await second.click();
    await page.waitForFunction((n) => document.getElementById('chosen-station').textContent === n, name, { timeout: 10_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a board event reaches React: a receipt checked on the board\'s own keyboard (onCkReceiptCheck)', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${REACT_URL}/`);
    await page.locator('ck-parking-board [part~="proposals"]').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#receipt-check').innerText(), '（尚未核验）');
    // The visitor opens the follow-up screen and types a receipt of the public tally, as a resident noted it.
    await page.locator('ck-parking-board .tab[data-view="supervision"]').click();
    const listed = page.locator('ck-parking-board .receipt-list li').first();
    await listed.waitFor({ timeout: 20_000 });
    const code = (await listed.textContent()).trim();
    await page.locator('ck-parking-board ck-keyboard [part~="key"]').first().focus();
    await page.keyboard.type(code.replaceAll('-', '').toLowerCase());
    await page.locator('ck-parking-board button[data-action="check"]').click();
    await page.waitForFunction(() => document.getElementById('receipt-check').textContent === '已计入公开计票', null, { timeout: 10_000 });
    await page.locator('ck-parking-board [data-found]').waitFor();
    // React's re-render re-assigned the board's props: the visitor stays where they are.
    assert.equal(await page.evaluate(() => document.querySelector('ck-parking-board').currentView), 'supervision');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the village theme reaches inside the elements: tokens and ::part', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${REACT_URL}/`);
    await stationRows(page).first().waitFor({ timeout: 20_000 });
    await page.locator('ck-parking-board [part~="nav"]').waitFor();
    const token = await page.evaluate(() => getComputedStyle(document.querySelector('ck-station-finder')).getPropertyValue('--ck-color-accent').trim());
    assert.equal(token, '#9a3412');
    assert.deepEqual(await partStyle(page, 'ck-station-finder', 'header', ['border-top-style', 'border-top-color', 'background-color']), {
      'border-top-style': 'dashed',
      'border-top-color': 'rgb(194, 136, 79)',
      'background-color': 'rgb(246, 227, 200)',
    });
    const row = await partStyle(page, 'ck-station-finder', 'row', ['box-shadow', 'background-color', 'border-top-left-radius']);
    assert.match(row['box-shadow'], /rgb\(231, 201, 164\)/);
    assert.equal(row['background-color'], 'rgb(253, 240, 224)', 'the surface token');
    assert.deepEqual(await partStyle(page, 'ck-parking-board', 'nav', ['background-color', 'border-top-left-radius']), { 'background-color': 'rgb(246, 227, 200)', 'border-top-left-radius': '18px' });
    // The accent token as the board's own CSS uses it: the current tab (proposals) in clay, not the default #0a58a8.
    const tab = await page.evaluate(() => getComputedStyle(document.querySelector('ck-parking-board').shadowRoot.querySelector('.tab[aria-current="page"]')).backgroundColor);
    assert.equal(tab, 'rgb(154, 52, 18)');
    // The themed colours keep every text readable (axe's contrast rule included), inside the shadow roots too.
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an English page gets English elements and React text', async () => {
    const { context, page, problems } = await embedPage(browser, { locale: 'en-US' });
    await page.goto(`${REACT_URL}/?lang=en`);
    await stationRows(page).first().waitFor({ timeout: 20_000 });
    assert.match(await stationRows(page).first().innerText(), new RegExp(SITE.en));
    assert.equal(await page.locator('h1').innerText(), 'Xikou village · Services');
    await page.getByRole('checkbox', { name: 'Accessible toilet' }).waitFor();
    await page.locator('ck-parking-board [part~="proposals"]').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
