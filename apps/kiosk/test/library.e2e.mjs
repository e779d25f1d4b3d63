// The library at the village hall (xikou-hall), end to end against the real server and its demo
// catalogue: sign in with the card scan and the PIN, borrow two books (one refused with its reason),
// return one without signing in, renew, and see the account. Portrait 1080x1920.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BASE, expectAccessible, kioskPage, launch, pageText, scan, waitForApp } from './helpers.mjs';

const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';


const waitForScreen = (page, screen) => page.waitForFunction((s) => document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout')?.screen === s, screen, { timeout: 15_000 });
const rowsOf = (page) =>
  page.locator('ck-library-checkout [part~="row"]').evaluateAll((rows) => rows.map((r) => ({ barcode: r.dataset.barcode, state: r.dataset.state, text: r.textContent.replace(/\s+/g, ' ').trim() })));
const settled = (page, count) =>
  page.waitForFunction(
    (n) => {
      const el = document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout');
      const rows = [...(el?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [])];
      return rows.length === n && rows.every((r) => r.dataset.state !== 'checking');
    },
    count,
    { timeout: 15_000 },
  );

async function typePin(page, pin) {
  const pad = page.locator('ck-library-checkout ck-keypad');
  for (const digit of pin) await pad.locator('button.digit', { hasText: digit }).first().tap();
  await pad.locator('[part~="submit"]').tap();
}

/**
 * The whole visit against one server: `start()` gives its base URL (and may start it first), `stop()`
 * ends what `start()` began.
 */
function visit(name, { start, stop = async () => {} }) {
  describe(name, () => {
    let browser;
    let page;
    let watch;

    before(async () => {
      const base = await start();
      browser = await launch();
      watch = await kioskPage(browser, { credential: CREDENTIAL });
      page = watch.page;
      await page.goto(`${base}/?lang=en`);
      await waitForApp(page, 'ready', 'home');
    });
    after(async () => {
      await browser?.close();
      await stop();
    });

    it('opens the library from its tile, signed out', async () => {
      await page.locator('ck-home .tile[data-service="library"]').tap();
      await waitForApp(page, 'ready', 'library');
      await waitForScreen(page, 'start');
      // The first opening loads the element and the library's status: the words follow the screen.
      let text = '';
      for (let i = 0; i < 50 && !text.includes('To borrow, scan your library card'); i += 1) {
        if (i > 0) await page.waitForTimeout(200);
        text = await pageText(page);
      }
      assert.ok(text.includes('To borrow, scan your library card'), `the start screen asks for the card: ${text.slice(0, 300)}`);
      await expectAccessible(page, 'library, signed out');
    });

    it('signs in with the card scan and the PIN', async () => {
      const signin = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/library/signin');
      await scan(page, 'LIB00001');
      await waitForScreen(page, 'pin');
      await typePin(page, '123456');
      assert.equal((await signin).headers()['x-device-key'], CREDENTIAL, 'signed in through the session client, with the device credential');
      await waitForScreen(page, 'borrow');
      assert.ok((await pageText(page)).includes('Signed in: 王晓明'));
    });

    it('borrows two books: one lent with its due date, one refused with the reason and what to do', async () => {
      const checkouts = [];
      page.on('request', (r) => new URL(r.url()).pathname === '/api/library/checkout' && checkouts.push(r.headers()['idempotency-key']));
      await scan(page, 'CK000003');
      await scan(page, 'CK000002'); // reserved for another reader in the demo data
      await settled(page, 2);
      const [refused, lent] = await rowsOf(page);
      assert.equal(lent.state, 'done', JSON.stringify(lent));
      assert.match(lent.text, /Dream of the Red Chamber.*Borrowed · Due /);
      assert.equal(refused.state, 'refused', JSON.stringify(refused));
      assert.match(refused.text, /reserved for another reader/);
      assert.match(refused.text, /you can reserve it from the catalogue/);
      assert.equal(new Set(checkouts).size, 2, 'one idempotency key per scan');
      await expectAccessible(page, 'library, borrowing');
    });

    it('a double scan never borrows twice', async () => {
      await scan(page, 'CK000003');
      await scan(page, 'CK000003');
      await settled(page, 2);
      const rows = await rowsOf(page);
      assert.equal(rows.filter((r) => r.barcode === 'CK000003').length, 1);
      assert.equal(rows[0].state, 'done', `the second scan of a book on the card is not a refusal: ${rows[0].text}`);
      assert.match(rows[0].text, /Already on your card/);
    });

    it('renews from the account and shows loans with due dates', async () => {
      await page.locator('ck-library-checkout [data-action="account"]').tap();
      await waitForScreen(page, 'account');
      await page.locator('ck-library-checkout #loans-title').waitFor();
      let text = await pageText(page);
      assert.match(text, /On loan \(2 of \d+\)/);
      assert.match(text, /Dream of the Red Chamber Due /);
      await page.locator('ck-library-checkout [data-renew="CK000001"]').tap();
      await page.locator('ck-library-checkout [part~="notice"]').waitFor();
      text = await pageText(page);
      assert.match(text, /Renewed 1\./);
      await expectAccessible(page, 'library, account');
    });

    it('finishes with a receipt, then forgets the patron', async () => {
      await page.locator('ck-library-checkout [data-action="finish"]').tap();
      await waitForScreen(page, 'receipt');
      assert.equal(await page.locator('ck-library-checkout ck-qr-code').count(), 1, 'the receipt as a QR code');
      await page.locator('ck-library-checkout [data-action="done"]').tap();
      await waitForScreen(page, 'start');
      const text = await pageText(page);
      assert.ok(!text.includes('王晓明') && !text.includes('Dream of the Red Chamber'), 'nothing of the visit is left on screen');
    });

    it('returns a book without signing in', async () => {
      await page.locator('ck-library-checkout [data-action="return"]').tap();
      await waitForScreen(page, 'return');
      await scan(page, 'CK000003');
      await settled(page, 1);
      const [row] = await rowsOf(page);
      assert.equal(row.state, 'done', row.text);
      assert.match(row.text, /Returned/);
      await expectAccessible(page, 'library, returns');
      assert.deepEqual(watch.violations, [], 'no CSP or Trusted Types violation');
      assert.deepEqual(watch.errors, [], 'no page error');
    });
  });
}

visit('library at the village hall, our catalogue (portrait)', { start: async () => BASE });

/*
 * Once more in front of a library system over SIP2: the server branch's fake ACS (a SIP2 2.00 server on
 * loopback with the demo seed's books and patrons) and a second data server with LIBRARY_SIP2 pointing at
 * it, on a database of its own. Same visit, same screens: the kiosk cannot tell the backends apart.
 */
const serverDir = path.resolve(path.dirname(process.env.KIOSK_SERVER_MAIN ?? ''), '..');
const fakeAcs = path.join(serverDir, 'test/sip2-fake.ts');
const tsx = path.join(serverDir, 'node_modules/.bin/tsx');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, ms = 120_000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

if (process.env.KIOSK_SERVER_MAIN && fs.existsSync(fakeAcs) && fs.existsSync(tsx)) {
  const children = [];
  let tmp;
  visit('library at the village hall, in front of a SIP2 library system (portrait)', {
    start: async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-library-sip2-'));
      const acsPort = await freePort();
      const acs = spawn(tsx, [fakeAcs], { cwd: serverDir, env: { ...process.env, SIP2_FAKE_PORT: String(acsPort) }, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(acs);
      await waitFor(() => new Promise((resolve) => net.connect(acsPort, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false))), 'the fake SIP2 server');
      const port = await freePort();
      const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: path.join(tmp, 'sip2.sqlite'), STATIC_DIR: process.env.KIOSK_DIST, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', LIBRARY_SIP2: `127.0.0.1:${acsPort}` };
      delete env.DATABASE_URL;
      const server = spawn(process.execPath, [process.env.KIOSK_SERVER_MAIN], { cwd: tmp, env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(server);
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/api/openapi.json`)).ok, 'the SIP2 data server');
      const status = await (await fetch(`${base}/api/library/status`, { headers: { 'X-Device-Key': CREDENTIAL } })).json();
      assert.equal(status.backend, 'sip2', `the second server speaks SIP2: ${JSON.stringify(status)}`);
      return base;
    },
    stop: async () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  });
}
