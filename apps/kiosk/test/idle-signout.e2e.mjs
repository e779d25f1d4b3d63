// Issue 14 item 3 for the library and the parking vote (health.e2e does it for the health record):
// a visitor signs in, walks away, and the idle reset signs them out ON THE SERVER (POST /api/signout
// with their token; the token is refused afterwards) and leaves nothing of them reachable — not in
// the DOM, not in the element they used, not in storage or the address, not in the heap after GC,
// not through Back (the kiosk pushes no history entry, so Back leaves the page; bfcache then has
// nothing to restore but the wiped page).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, kioskPage, launch, pageText, waitForApp } from './helpers.mjs';

const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';

async function heapStrings(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  await cdp.detach();
  return JSON.parse(chunks.join('')).strings;
}

function everything(page) {
  return page.evaluate(() => {
    const out = [document.documentElement.outerHTML];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) out.push(a.value);
        if (el.shadowRoot) {
          out.push(el.shadowRoot.textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return out.join('\n');
  });
}

/** Watches the page's requests: bearer tokens sent, and the sign-outs with the token each carried and the server's status. */
function watchTokens(page) {
  const seen = { tokens: new Set(), signouts: [] };
  page.on('request', (r) => {
    const auth = r.headers().authorization;
    if (auth) seen.tokens.add(auth.replace(/^Bearer /, ''));
  });
  page.on('response', (res) => {
    const r = res.request();
    if (new URL(r.url()).pathname === '/api/signout') seen.signouts.push({ token: (r.headers().authorization ?? '').replace(/^Bearer /, ''), status: res.status() });
  });
  return seen;
}

/** Waits for the "still there?" countdown, then the home screen; checks every trace of `secrets` is gone. */
async function expectWipedAfterIdle(watch, { elementSelector, secrets, label }) {
  const { page, context } = watch;
  const element = await page.evaluateHandle((sel) => document.querySelector('ck-kiosk-app').shadowRoot.querySelector(sel), elementSelector);
  await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-dialog')?.open === true, undefined, { timeout: 60_000 });
  await waitForApp(page, 'ready', 'home', 30_000);

  const dom = await everything(page);
  for (const [name, s] of Object.entries(secrets)) assert.ok(!dom.includes(s), `${label}: the DOM does not hold the ${name}`);
  const left = await element.evaluate((el) => [el.shadowRoot?.textContent ?? '', JSON.stringify(Object.fromEntries(Object.keys(el).map((k) => [k, String(el[k])])))].join('\n'));
  for (const [name, s] of Object.entries(secrets)) assert.ok(!left.includes(s), `${label}: the old element holds no ${name}`);
  await element.dispose();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + history.length);
  for (const [name, s] of Object.entries(secrets)) assert.ok(!storage.includes(s), `${label}: no ${name} in storage or the address`);
  const strings = await heapStrings(context, page);
  for (const [name, s] of Object.entries(secrets)) assert.equal(strings.filter((x) => x.includes(s)).length, 0, `${label}: no string in the heap holds the ${name}`);

  await page.goBack().catch(() => undefined);
  const back = page.url().startsWith(BASE) ? (await pageText(page)) + (await everything(page)) : '';
  for (const [name, s] of Object.entries(secrets)) assert.ok(!back.includes(s), `${label}: Back does not bring the ${name} back`);
  // bfcache: coming forward again shows the page as it was left — wiped.
  await page.goForward().catch(() => undefined);
  if (page.url().startsWith(BASE)) {
    const forward = (await pageText(page)) + (await everything(page));
    for (const [name, s] of Object.entries(secrets)) assert.ok(!forward.includes(s), `${label}: Forward (bfcache) does not show the ${name}`);
  }
}

async function refused(path, token) {
  const res = await fetch(`${BASE}/api${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-Device-Key': CREDENTIAL, Accept: 'application/json' } });
  return res.status;
}

describe('idle signs the visitor out on the server and leaves nothing: library and parking vote', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('library: a patron signed in with card and PIN is signed out on the server and wiped by idle', async () => {
    const watch = await kioskPage(browser, { credential: CREDENTIAL });
    const { page } = watch;
    const seen = watchTokens(page);
    await page.goto(`${BASE}/?lang=en&idle=20&warn=5&heartbeat=3600`);
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-home .tile[data-service="library"]').tap();
    await waitForApp(page, 'ready', 'library');
    const screen = (s) => page.waitForFunction((x) => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-library-checkout')?.screen === x, s, { timeout: 15_000 });
    await screen('start');
    await page.evaluate(() => {
      const start = performance.now();
      [...'LIB00001', 'Enter'].forEach((key, i) => {
        const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
        Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
        (document.activeElement ?? document.body).dispatchEvent(event);
      });
    });
    await screen('pin');
    const pad = page.locator('ck-library-checkout ck-keypad');
    for (const digit of '123456') await pad.locator('button.digit', { hasText: digit }).first().tap();
    await pad.locator('[part~="submit"]').tap();
    await screen('borrow');
    const name = '王晓明';
    assert.ok((await pageText(page)).includes(name), 'the patron is shown');
    // The account (loans) is personal data too: open it so the wipe has something to wipe.
    await page.locator('ck-library-checkout [data-action="account"]').tap();
    await screen('account');
    await page.locator('ck-library-checkout #loans-title').waitFor();
    assert.ok(seen.tokens.size >= 1, 'the account was read with a bearer token');
    const token = [...seen.tokens][0];
    assert.equal(await refused('/library/me', token), 200, 'the token works while the patron is signed in');

    await expectWipedAfterIdle(watch, { elementSelector: 'ck-library-checkout', secrets: { name, token }, label: 'library' });
    await page.waitForTimeout(500);
    assert.ok(seen.signouts.some((s) => s.token === token && s.status < 300), `idle sent POST /api/signout with the patron's token: ${JSON.stringify(seen.signouts.map((s) => s.status))}`);
    assert.equal(await refused('/library/me', token), 401, 'the server refuses the token after idle');
    await watch.context.close();
  });

  it('parking vote: a resident verified with card and PIN is signed out on the server and wiped by idle', async () => {
    const watch = await kioskPage(browser, { credential: CREDENTIAL });
    const { page } = watch;
    const seen = watchTokens(page);
    let name;
    page.on('response', async (res) => {
      if (new URL(res.url()).pathname === '/api/residents/signin' && res.ok()) name = (await res.json().catch(() => ({}))).resident?.name;
    });
    await page.goto(`${BASE}/?idle=20&warn=5&heartbeat=3600`);
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-home .tile[data-service="deliberation"]').tap();
    await waitForApp(page, 'ready', 'deliberation');
    const board = page.locator('ck-parking-board');
    await board.locator('[data-view="vote"]').tap();
    await board.locator('[data-motion="motion-barrier-gate"]').tap();
    await board.locator('.motion[data-status]').waitFor();
    await board.locator('[data-action="vote"]').tap();
    const type = async (digits) => {
      const keypad = board.locator('ck-keypad');
      await keypad.waitFor();
      for (const digit of digits) await keypad.locator('button.digit', { hasText: new RegExp(`^\\s*${digit}\\s*$`) }).tap();
      await keypad.locator('[part~="submit"]').tap();
    };
    await type('0002');
    await board.locator('ck-keypad[data-step="pin"]').waitFor();
    await type('123456');
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-parking-board')?.signedIn === true, undefined, { timeout: 20_000 });
    await page.waitForTimeout(500);
    assert.ok(seen.tokens.size >= 1, 'the resident\'s requests carried a bearer token');
    const token = [...seen.tokens][0];
    const secrets = { token };
    if (name && (await pageText(page)).includes(name)) secrets.name = name;
    assert.equal(await refused('/deliberation/motions/motion-barrier-gate/my-ballot', token), 200, 'the token works while signed in');

    await expectWipedAfterIdle(watch, { elementSelector: 'ck-parking-board', secrets, label: 'parking vote' });
    await page.waitForTimeout(500);
    assert.ok(seen.signouts.some((s) => s.token === token && s.status < 300), `idle sent POST /api/signout with the resident's token: ${JSON.stringify(seen.signouts.map((s) => s.status))}`);
    assert.equal(await refused('/deliberation/motions/motion-barrier-gate/my-ballot', token), 401, 'the server refuses the token after idle');
    await watch.context.close();
  });
});
