// Issue 14 items 6 and 11: writes while the network is down, end to end against the real server.
// (a) A return scanned with the library API cut is kept in IndexedDB, survives a reload, and is sent
//     exactly once when the network is back; the visitor is told, and the heartbeat carried it meanwhile.
// (b) A checkout cut mid-way — its answer lost after it reached the server, and cut before it did — is
//     asked again with the same Idempotency-Key once the network is back: the loan exists exactly once.
// The server's own tables are the judge (the loan closed or open once, one audit line per write).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, launch, pageText, scan, waitForApp } from './helpers.mjs';

const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';
// Demo data no other spec touches: item 92 is on loan to patron 8; LIB00010 borrows items 43 and 44 (on the shelf).
const RETURNED = { barcode: 'CK000092', item: 'item-0092' };
const PATRON = { card: 'LIB00010', id: 'patron-010', pin: '123456' };
const LOST_ANSWER = { barcode: 'CK000043', item: 'item-0043' };
const CUT_BEFORE = { barcode: 'CK000044', item: 'item-0044' };
const SHOTS = process.env.SCREENSHOT_DIR;

/** The server's SQLite, read-only (the server keeps writing it in WAL mode). */
function database() {
  const require = createRequire(path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), '..', 'package.json'));
  const Database = require('better-sqlite3');
  return new Database(process.env.KIOSK_SQLITE_PATH, { readonly: true, fileMustExist: true });
}
const loansOf = (db, item) => db.prepare('SELECT patron_id, returned_at FROM loans WHERE item_id = ? ORDER BY id').all(item);
const auditOf = (db, action, barcode) => db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND subject = ?').get(action, `item:${barcode}`).n;

// Functions, not strings: the page's CSP has no 'unsafe-eval'.
const waitForScreen = (page, screen) =>
  page.waitForFunction((s) => document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout')?.screen === s, screen, { timeout: 20_000 });
const rowState = (page, barcode) =>
  page.evaluate((b) => document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout')?.shadowRoot?.querySelector(`[part~="row"][data-barcode="${b}"]`)?.dataset.state, barcode);
const waitForRow = (page, barcode, state, timeout = 30_000) =>
  page.waitForFunction(
    ([b, st]) => document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout')?.shadowRoot?.querySelector(`[part~="row"][data-barcode="${b}"]`)?.dataset.state === st,
    [barcode, state],
    { timeout },
  );
async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}
/** The browser says the network went and came back: the page gets `offline` then `online`. */
async function networkBlip(context) {
  await context.setOffline(true);
  await context.setOffline(false);
}
async function openLibrary(page) {
  await page.locator('ck-home .tile[data-service="library"]').tap();
  await waitForApp(page, 'ready', 'library');
  await waitForScreen(page, 'start');
}

describe('offline writes (queue, reload, exactly once)', () => {
  let browser;
  let watch;
  let db;
  /** Every library write that reached the server's address (not aborted before it). */
  const writes = [];

  before(async () => {
    browser = await launch();
    watch = await kioskPage(browser, { credential: CREDENTIAL });
    db = database();
    watch.page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p === '/api/library/checkin' || p === '/api/library/checkout') writes.push({ path: p, key: r.headers()['idempotency-key'], body: r.postData() });
    });
  });
  after(async () => {
    db?.close();
    await browser?.close();
  });

  it('(a) a return scanned with the network cut is queued, not refused', async () => {
    const { page } = watch;
    await page.goto(`${BASE}/?lang=en&heartbeat=5`);
    await waitForApp(page, 'ready', 'home');
    await openLibrary(page);
    await page.locator('ck-library-checkout [data-action="return"]').tap();
    await waitForScreen(page, 'return');
    assert.equal(loansOf(db, RETURNED.item).filter((l) => !l.returned_at).length, 1, 'the book is on loan before');
    // The cable is pulled for the library's API: every request to it fails before reaching the server.
    await page.route('**/api/library/**', (route) => route.abort('internetdisconnected'));
    await scan(page, RETURNED.barcode);
    await waitForRow(page, RETURNED.barcode, 'queued');
    const text = await pageText(page);
    assert.match(text, /Saved on this kiosk: it will be sent when the network is back/);
    await shot(page, 'queue-return-queued-en');
    await expectAccessible(page, 'library, a return queued offline');
    const kept = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('ck-write-queue');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('writes').objectStore('writes').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
        }),
    );
    assert.equal(kept.length, 1);
    assert.deepEqual(kept[0].body, { barcode: RETURNED.barcode });
    assert.doesNotMatch(JSON.stringify(kept), /ckd_|Bearer|LIB0/, 'nothing personal and no credential in IndexedDB');
    assert.equal(loansOf(db, RETURNED.item).filter((l) => !l.returned_at).length, 1, 'nothing reached the server');
  });

  it('(a) survives a reload (in Chinese now): the kept return is listed, and the heartbeat reports it', async () => {
    const { page } = watch;
    const beat = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/kiosk/heartbeat' && JSON.parse(r.postData() ?? '{}').queuedWrites === 1, { timeout: 30_000 });
    await page.goto(`${BASE}/?lang=zh-CN&heartbeat=5`);
    await waitForApp(page, 'ready', 'home');
    await beat;
    await openLibrary(page);
    await page.locator('ck-library-checkout [data-queued="1"]').waitFor({ timeout: 20_000 });
    await page.locator('ck-library-checkout [data-network="down"]').waitFor();
    const text = await pageText(page);
    assert.match(text, /等待网络恢复（1）/);
    assert.match(text, /网络恢复后会自动提交/);
    await shot(page, 'queue-after-reload-zh');
    await expectAccessible(page, 'library after a reload, a return waiting (zh-CN)');
    // Elder mode: the same list, larger.
    await page.locator('ck-kiosk-app button[data-elder]').tap();
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app')?.getAttribute('data-ck-theme') === 'elder');
    await shot(page, 'queue-after-reload-zh-elder');
    await expectAccessible(page, 'library after a reload, a return waiting (zh-CN, elder)');
    await page.locator('ck-kiosk-app button[data-elder]').tap();
  });

  it('(a) the network comes back: the return is sent exactly once, the visitor is told', async () => {
    const { page, context } = watch;
    await page.unroute('**/api/library/**');
    await networkBlip(context);
    await page.locator('ck-library-checkout [data-sent="1"]').waitFor({ timeout: 40_000 });
    await page.locator('ck-library-checkout [data-queued]').waitFor({ state: 'detached', timeout: 20_000 });
    const text = await pageText(page);
    assert.match(text, /网络已恢复，以下还书已提交/);
    assert.match(text, /已归还/);
    await shot(page, 'queue-sent-zh');
    await expectAccessible(page, 'library, queued return sent (zh-CN)');
    // The server: the loan is closed, one audit line; every try of it carried the same key.
    const loans = loansOf(db, RETURNED.item);
    assert.equal(loans.filter((l) => !l.returned_at).length, 0, 'the loan is closed');
    assert.equal(auditOf(db, 'library.checkin', RETURNED.barcode), 1, 'one return in the audit log');
    const reached = writes.filter((w) => w.path === '/api/library/checkin');
    assert.ok(reached.length >= 2, 'tried while cut, then sent');
    assert.equal(new Set(reached.map((w) => w.key)).size, 1, 'one Idempotency-Key for the return');
    // Nothing left to send: a later beat says 0.
    await page.waitForRequest((r) => new URL(r.url()).pathname === '/api/kiosk/heartbeat' && JSON.parse(r.postData() ?? '{}').queuedWrites === 0, { timeout: 30_000 });
  });

  it('(b) a checkout whose answer is lost after it reached the server: asked again with the same key, one loan', async () => {
    const { page, context } = watch;
    await page.goto(`${BASE}/?lang=en&heartbeat=5`);
    await waitForApp(page, 'ready', 'home');
    await openLibrary(page);
    await scan(page, PATRON.card);
    await waitForScreen(page, 'pin');
    const pad = page.locator('ck-library-checkout ck-keypad');
    for (const digit of PATRON.pin) await pad.locator('button.digit', { hasText: digit }).first().tap();
    await pad.locator('[part~="submit"]').tap();
    await waitForScreen(page, 'borrow');
    // The request goes through to the server; its answer never comes back.
    await page.route('**/api/library/checkout', async (route) => {
      await route.fetch().catch(() => undefined);
      await route.abort('connectionreset');
    });
    await scan(page, LOST_ANSWER.barcode);
    await waitForRow(page, LOST_ANSWER.barcode, 'unconfirmed');
    assert.equal(loansOf(db, LOST_ANSWER.item).filter((l) => !l.returned_at).length, 1, 'the server did lend it (the answer was lost)');
    assert.match(await pageText(page), /asks again by itself when the network is back/);
    await shot(page, 'queue-checkout-unconfirmed-en');
    await expectAccessible(page, 'library, a checkout without an answer');
    await page.unroute('**/api/library/checkout');
    await networkBlip(context);
    await waitForRow(page, LOST_ANSWER.barcode, 'done');
    assert.match(await pageText(page), /The network is back: .* is now borrowed \(once\)/);
    await shot(page, 'queue-checkout-done-en');
    const open = loansOf(db, LOST_ANSWER.item).filter((l) => !l.returned_at);
    assert.deepEqual(open.map((l) => l.patron_id), [PATRON.id], 'exactly one loan');
    assert.equal(auditOf(db, 'library.checkout', LOST_ANSWER.barcode), 1, 'one checkout in the audit log');
    const tries = writes.filter((w) => w.path === '/api/library/checkout' && w.body?.includes(LOST_ANSWER.barcode));
    assert.ok(tries.length >= 2);
    assert.equal(new Set(tries.map((w) => w.key)).size, 1, 'every try with the same Idempotency-Key');
  });

  it('(b) a checkout cut before it reached the server: sent again when the network is back, one loan', async () => {
    const { page } = watch;
    await page.route('**/api/library/checkout', (route) => route.abort('internetdisconnected'));
    await scan(page, CUT_BEFORE.barcode);
    await waitForRow(page, CUT_BEFORE.barcode, 'unconfirmed');
    assert.equal(loansOf(db, CUT_BEFORE.item).length, 0, 'nothing reached the server');
    await page.unroute('**/api/library/checkout');
    // No `online` event this time (only the API was cut): the element's own timer asks again.
    await waitForRow(page, CUT_BEFORE.barcode, 'done', 40_000);
    assert.deepEqual(loansOf(db, CUT_BEFORE.item).map((l) => [l.patron_id, l.returned_at]), [[PATRON.id, null]], 'exactly one loan');
    assert.equal(auditOf(db, 'library.checkout', CUT_BEFORE.barcode), 1);
    assert.equal(await rowState(page, LOST_ANSWER.barcode), 'done', 'the first stays done');
    await expectAccessible(page, 'library, checkouts sent after the network came back');
    assertNoViolations(watch);
  });
});
