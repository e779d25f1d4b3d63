// The parking deliberation at the village hall (xikou-hall), against the real server: two households vote on
// the open motion with card + PIN on the keypad, staff close the motion through the staff API, and the
// public result shows both ballots while both receipts are found in the tally.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BASE, expectAccessible, kioskPage, launch, waitForApp } from './helpers.mjs';

const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';
const OPEN_MOTION = 'motion-barrier-gate';
const STAFF = { username: 'e2e-parking-admin', password: 'a long e2e staff password' };

/** The server's staff:add command on the test server's database (as an operator creates the first admin). */
function addStaff() {
  const cli = path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), 'cli/staff-add.js');
  const env = { ...process.env, SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, DATABASE_URL: '', STAFF_PASSWORD: STAFF.password };
  return execFileSync(process.execPath, [cli, '--username', STAFF.username, '--name', 'E2E Admin'], { cwd: process.env.KIOSK_TMP, env, encoding: 'utf8' });
}

async function api(method, route, { token, body } = {}) {
  const headers = { 'X-Device-Key': CREDENTIAL, Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${BASE}/api${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const boardLocator = (page) => page.locator('ck-parking-board');

/** Taps the keypad's digit keys one by one, then OK. */
async function typeOnKeypad(page, digits) {
  const keypad = boardLocator(page).locator('ck-keypad');
  await keypad.waitFor();
  for (const digit of digits) await keypad.locator('button.digit', { hasText: new RegExp(`^\\s*${digit}\\s*$`) }).tap();
  await keypad.locator('[part~="submit"]').tap();
}

/** The open motion on the vote screen. */
async function openMotion(page) {
  const board = boardLocator(page);
  await board.locator('[data-view="vote"]').tap();
  await board.locator(`[data-motion="${OPEN_MOTION}"]`).tap();
  await board.locator('.motion[data-status]').waitFor();
}

/** One household's vote: verify, choose, confirm; answers the receipt shown. */
async function vote(page, cardDigits, choice) {
  const board = boardLocator(page);
  await openMotion(page);
  await board.locator('[data-action="vote"]').tap();
  await typeOnKeypad(page, cardDigits);
  await board.locator('ck-keypad[data-step="pin"]').waitFor();
  await typeOnKeypad(page, '123456');
  await board.locator(`[data-choice="${choice}"]`).tap();
  await board.locator('[part="confirm"]').waitFor();
  await board.locator('[data-action="confirm"]').tap();
  const code = board.locator('[part="receipt-code"]');
  await code.waitFor({ timeout: 20_000 });
  const receipt = (await code.innerText()).trim();
  assert.match(receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.equal(await board.locator('.receipt ck-qr-code').evaluate((el) => el.value), receipt, 'the QR code carries the receipt');
  await board.locator('[data-action="finish"]').tap();
  // Finishing signs out and returns to the board's first screen, ready for the next household.
  await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-parking-board')?.signedIn === false);
  assert.equal(await board.locator('[part="receipt-code"]').count(), 0, 'the receipt is gone from the screen');
  return receipt;
}

describe('parking deliberation at the village hall', () => {
  let browser;
  let watch;
  let page;
  const receipts = [];
  let earlier;

  before(async () => {
    addStaff();
    browser = await launch();
    watch = await kioskPage(browser, { credential: CREDENTIAL });
    page = watch.page;
    await page.goto(`${BASE}/`);
    await waitForApp(page, 'ready', 'home');
  });
  after(async () => {
    await browser?.close();
  });

  it('offers the parking board on the home screen and opens the problem at a glance', async () => {
    await page.locator('ck-home .tile[data-service="deliberation"]').tap();
    await waitForApp(page, 'ready', 'deliberation');
    const board = boardLocator(page);
    await board.locator('.fact').first().waitFor({ timeout: 20_000 });
    const facts = await board.locator('.fact dd').allInnerTexts();
    assert.deepEqual(facts.slice(0, 2), ['150', '48'], 'cars and spaces in text');
    assert.ok(await board.locator('ck-chart').count(), 'and as a chart');
    await expectAccessible(page, 'parking board: the problem');
  });

  it('two households (cards XK0001 and XK0003: heads of hh-001 and hh-002) vote on the open motion; the counts stay hidden while it is open', async () => {
    const board = boardLocator(page);
    await openMotion(page);
    await board.locator('.results[data-hidden]').waitFor();
    await expectAccessible(page, 'parking board: open vote');
    earlier = (await api('GET', `/deliberation/motions/${OPEN_MOTION}/results`)).body;
    receipts.push(await vote(page, '0001', 'agree'));
    receipts.push(await vote(page, '0003', 'disagree'));
    await openMotion(page);
    assert.equal(await board.locator('.tally').count(), 0, 'no counts while open');
    const results = await api('GET', `/deliberation/motions/${OPEN_MOTION}/results`);
    assert.equal(results.status, 200);
    assert.equal(results.body.ballots, earlier.ballots + 2, 'two more households voted');
    assert.equal(results.body.counts, null, 'the server hides the counts too');
    assert.ok(results.body.receipts.includes(receipts[0]) && results.body.receipts.includes(receipts[1]), 'both receipts are in the public tally');
    assert.equal(watch.errors.length, 0, watch.errors.join('\n'));
    assert.deepEqual(watch.violations, []);
  });

  it('staff close the motion; the result shows both ballots, as a chart and in text', async () => {
    const signin = await api('POST', '/staff/signin', { body: STAFF });
    assert.equal(signin.status, 200, JSON.stringify(signin.body));
    const closed = await api('POST', `/staff/deliberation/motions/${OPEN_MOTION}/close`, { token: signin.body.token, body: {} });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const results = await api('GET', `/deliberation/motions/${OPEN_MOTION}/results`);
    assert.equal(results.body.status, 'closed');
    const { ballots } = results.body;
    // The board reads the motion again when the visitor comes back to it.
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-home .tile[data-service="deliberation"]').tap();
    const board = boardLocator(page);
    await openMotion(page);
    await board.locator('.results .tally').waitFor({ timeout: 20_000 });
    const shown = await board.locator('.results ck-chart').evaluate((el) => el.series[0].data);
    assert.equal(shown.reduce((a, b) => a + b, 0), ballots, 'the chart counts every ballot');
    assert.deepEqual(shown, [results.body.counts.agree, results.body.counts.disagree, results.body.counts.abstain]);
    assert.equal(receipts.length, 2);
    assert.equal(ballots, earlier.ballots + 2, 'both ballots are in the result');
    for (const receipt of receipts) assert.ok(results.body.receipts.includes(receipt), `${receipt} is counted`);
    assert.equal(await board.locator('[part="verdict"]').count(), 1, 'passed or not, in words');
    await expectAccessible(page, 'parking board: closed result');
  });

  it('finds both receipts with "check my receipt", typed in small letters', async () => {
    const board = boardLocator(page);
    await board.locator('[data-view="supervision"]').tap();
    await board.locator('.receipt-list li').first().waitFor();
    const listed = await board.locator('.receipt-list li').allInnerTexts();
    assert.equal(receipts.length, 2);
    for (const receipt of receipts) assert.ok(listed.includes(receipt), `${receipt} is listed`);
    const keyboard = board.locator('ck-keyboard');
    await keyboard.waitFor({ timeout: 20_000 });
    for (const receipt of receipts) {
      // What the on-screen keyboard sends when the visitor taps Enter (CONTRACT A: ck-keyboard-enter).
      await keyboard.evaluate((el, value) => el.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value }, bubbles: true, composed: true })), receipt.toLowerCase());
      await board.locator('[data-found]', { hasText: receipt }).waitFor();
    }
    await expectAccessible(page, 'parking board: receipt found');
  });
});
