// Issue 13 item 4: two copies of a package on one page. Two separate esbuild
// bundles of @civic-kiosk/station-finder's define module (each with its own
// lit, core and ui) are loaded into one Chromium page, then a third: the page
// keeps the first copy's elements, nothing throws, and each tag the later
// copies could not register is named in exactly one console warning.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const TAGS = ['ck-station-finder', 'ck-qr-code', 'ck-status-banner'];

/** `@civic-kiosk/ui/qr-code.js` -> packages/ui/src/qr-code.ts: the sources, so no build is needed first. */
const sources = {
  name: 'civic-kiosk-sources',
  setup(b) {
    b.onResolve({ filter: /^@civic-kiosk\// }, (args) => {
      const [, pkg, ...rest] = args.path.split('/');
      return { path: `${root}packages/${pkg}/src/${rest.length ? rest.join('/').replace(/\.js$/, '.ts') : 'index.ts'}` };
    });
  },
};

/** One self-contained bundle of the package, from its sources (as an embedder's bundler would make it). */
async function bundle() {
  const out = await build({
    entryPoints: [`${root}packages/station-finder/src/define.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    tsconfig: `${root}tsconfig.base.json`,
    loader: { '.css': 'text' },
    plugins: [sources],
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

describe('two copies of a package on one page', () => {
  let browser;
  let page;
  const warnings = [];
  const errors = [];

  before(async () => {
    const [first, second] = await Promise.all([bundle(), bundle()]);
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    // A page of its own origin with no server behind it: the element's requests fail, which it shows.
    await page.route('http://embed.test/**', (route) =>
      route.request().url().endsWith('/')
        ? route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body><ck-station-finder api="/nothing"></ck-station-finder></body></html>' })
        : route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"down"}' }),
    );
    await page.goto('http://embed.test/');
    await page.addScriptTag({ type: 'module', content: first });
    await page.waitForFunction(() => !!document.querySelector('ck-station-finder')?.shadowRoot);
    await page.evaluate(() => {
      window.firstCopy = customElements.get('ck-station-finder');
    });
    await page.addScriptTag({ type: 'module', content: second });
    // The same second bundle again (a third copy on the page): still one warning per tag.
    await page.addScriptTag({ type: 'module', content: second.replace(/^/, '/* third copy */\n') });
    // Module scripts run asynchronously: wait until the later copies have run (their warnings arrived).
    await page.waitForFunction(() => document.querySelectorAll('script[type=module]').length === 3);
    for (let i = 0; i < 50 && warnings.filter((w) => /already defined/.test(w)).length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
  });

  after(async () => {
    await browser?.close();
  });

  it('each bundle carries its own lit, core and ui (a separate copy of everything)', async () => {
    const text = await bundle();
    for (const name of [/StationFinder = class/, /KioskQrCode = class/, /function defineElement\(/, /litElementVersions/]) assert.match(text, name);
  });

  it('nothing throws, and the page keeps the first copy', async () => {
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    assert.equal(await page.evaluate(() => customElements.get('ck-station-finder') === window.firstCopy), true);
  });

  for (const tag of TAGS) {
    it(`warns exactly once that <${tag}> is defined by another copy`, () => {
      const ours = warnings.filter((w) => w.includes(`<${tag}>`));
      assert.equal(ours.length, 1, warnings.join('\n'));
      assert.match(ours[0], /already defined by another copy or version/);
    });
  }

  it('the element still works: a finder added after the second copy renders', async () => {
    const text = await page.evaluate(async () => {
      const el = document.createElement('ck-station-finder');
      el.setAttribute('lang', 'en');
      el.setAttribute('api', '/nothing');
      document.body.append(el);
      await el.updateComplete;
      return el.shadowRoot.textContent.replace(/\s+/g, ' ').trim();
    });
    assert.ok(text.length > 0);
  });
});
