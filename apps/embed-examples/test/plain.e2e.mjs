// The plain HTML example: no bundler, an import map, two services against the
// API on another origin, the city-portal theme, under the site's strict CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API, axeViolations, API_ORIGIN, FOREIGN_URL, PLAIN_URL, SITE, TOPIC, embedPage, launch, partStyle, stationRows } from './helpers.mjs';

describe('plain HTML page (import map, no bundler)', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test('is served with a strict CSP and loads every module from its own origin through the import map', async () => {
    const { context, page, problems } = await embedPage(browser);
    const scripts = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const response = await page.goto(`${PLAIN_URL}/`);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'sha256-[^']+'(;|$)/, 'only the hashed import map may be inline');
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, new RegExp(`connect-src 'self' ${API_ORIGIN}(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await stationRows(page).first().waitFor();
    const map = await page.evaluate(() => JSON.parse(document.querySelector('script[type="importmap"]').textContent));
    assert.equal(map.imports.lit, './vendor/lit@3.3.3/index.js');
    assert.ok(map.imports['@civic-kiosk/station-finder/define.js']);
    assert.ok(scripts.length > 20, `modules loaded one by one, unbundled (${scripts.length})`);
    assert.deepEqual(scripts.filter((url) => !url.startsWith(`${PLAIN_URL}/`)), [], 'every module from the site itself');
    assert.ok(scripts.some((url) => url.includes('/vendor/lit-html@')), 'lit-html resolved through the map');
    assert.deepEqual(await page.evaluate(() => ['ck-station-finder', 'ck-parking-board'].map((t) => customElements.get(t) !== undefined)), [true, true]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('both services render the server\'s data across origins (CORS)', async () => {
    const { context, page, problems, apiResponses } = await embedPage(browser);
    await page.goto(`${PLAIN_URL}/`);
    await assert.doesNotReject(stationRows(page).nth(5).waitFor({ timeout: 20_000 }));
    assert.equal(await stationRows(page).count(), 6, 'limit="6" from the page');
    assert.match(await stationRows(page).first().innerText(), new RegExp(SITE.zh));
    await page.locator('ck-parking-board h2, ck-parking-board h1').filter({ hasText: TOPIC.zh }).first().waitFor({ timeout: 20_000 });
    const stations = apiResponses.find((r) => new URL(r.url()).pathname === '/api/stations' && r.status() === 200);
    assert.ok(stations, `GET ${API}/stations answered`);
    assert.equal(stations.headers()['access-control-allow-origin'], PLAIN_URL);
    assert.ok(apiResponses.some((r) => r.url().includes('/api/deliberation/topics/topic-parking') && r.status() === 200), 'the board read its topic from the API');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the city-portal theme reaches inside the elements: tokens and ::part', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${PLAIN_URL}/`);
    await stationRows(page).first().waitFor({ timeout: 20_000 });
    await page.locator('ck-parking-board [part~="nav"]').waitFor();
    const token = await page.evaluate(() => getComputedStyle(document.querySelector('ck-station-finder')).getPropertyValue('--ck-color-accent').trim());
    assert.equal(token, '#13558c');
    // ::part(row): the accent edge; the row's own background is the themed surface token.
    assert.deepEqual(await partStyle(page, 'ck-station-finder', 'row', ['border-left-width', 'border-left-color', 'background-color']), {
      'border-left-width': '6px',
      'border-left-color': 'rgb(19, 85, 140)',
      'background-color': 'rgb(234, 242, 250)',
    });
    assert.deepEqual(await partStyle(page, 'ck-station-finder', 'header', ['border-left-color', 'color']), { 'border-left-color': 'rgb(11, 37, 69)', color: 'rgb(11, 37, 69)' });
    assert.deepEqual(await partStyle(page, 'ck-parking-board', 'nav', ['background-color', 'border-bottom-color']), { 'background-color': 'rgb(234, 242, 250)', 'border-bottom-color': 'rgb(19, 85, 140)' });
    // The token is used by the board's own CSS: its current tab is drawn in the portal's accent, not the default #0a58a8.
    const tab = await page.evaluate(() => getComputedStyle(document.querySelector('ck-parking-board').shadowRoot.querySelector('.tab[aria-current="page"]')).backgroundColor);
    assert.equal(tab, 'rgb(19, 85, 140)');
    // The themed colours keep every text readable (axe's contrast rule included), inside the shadow roots too.
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a visitor\'s choice reaches the page\'s own script (ck-station-select), and the route QR code loads (CommonJS qrcode converted)', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${PLAIN_URL}/`);
    const second = stationRows(page).nth(1);
    await second.waitFor({ timeout: 20_000 });
    // The row's name, less the "Number 2:" said to screen readers only.
    const name = await second.locator('.name').evaluate((el) => {
      const copy = el.cloneNode(true);
      copy.querySelector('.visually-hidden')?.remove();
      return copy.textContent.trim();
    });
    assert.equal(await page.locator('#chosen-station').innerText(), '（尚未选择）');
    await second.click();
    await page.waitForFunction((n) => document.getElementById('chosen-station').textContent === n, name, { timeout: 10_000 });
    assert.notEqual(name, SITE.zh, 'the second row, not the station the page stands at');
    await page.locator('ck-station-finder ck-qr-code svg[part~="code"]').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an English page gets English elements and page text', async () => {
    const { context, page, problems } = await embedPage(browser, { locale: 'en-US' });
    await page.goto(`${PLAIN_URL}/?lang=en`);
    await stationRows(page).first().waitFor({ timeout: 20_000 });
    assert.match(await stationRows(page).first().innerText(), new RegExp(SITE.en));
    await page.locator('ck-parking-board h2, ck-parking-board h1').filter({ hasText: TOPIC.en }).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('h1').innerText(), 'City portal · Public services');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the same page on an origin the API does not list gets no data (CORS is what lets the others in)', async () => {
    const { context, page, problems } = await embedPage(browser);
    await page.goto(`${FOREIGN_URL}/`);
    await page.locator('ck-station-finder ck-status-banner').first().waitFor({ timeout: 20_000 });
    assert.equal(await stationRows(page).count(), 0);
    // The browser reports the blocked read on the console (when it gets to it).
    for (let i = 0; i < 40 && !problems.some((p) => /CORS|Access-Control-Allow-Origin/.test(p)); i++) await page.waitForTimeout(250);
    assert.ok(problems.some((p) => /CORS|Access-Control-Allow-Origin/.test(p)), `the browser blocked the read:\n${problems.join('\n')}`);
    await context.close();
  });
});
