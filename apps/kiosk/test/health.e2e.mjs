// A villager at the village hall (xikou-hall) reads their own health record, walks away, and the
// kiosk's idle reset wipes it: afterwards their name, readings and token are nowhere to be found —
// not in the DOM, not on the element, not through Back, not among the page's strings in memory.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, expectAccessible, kioskPage, launch, pageText, waitForApp } from './helpers.mjs';

const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';
const CARD_DIGITS = '0001'; // XK0001 = pat-001 (server README); the site's cards start with XK.
const PIN = '123456';

/** pat-001's name and latest blood pressure as the server has them (read here, never passed into the page). */
async function truth() {
  const signin = await fetch(`${BASE}/api/residents/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Device-Key': CREDENTIAL, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ cardNumber: `XK${CARD_DIGITS}`, pin: PIN, service: 'health' }),
  });
  assert.equal(signin.status, 200, await signin.clone().text());
  const { token } = await signin.json();
  const auth = { Authorization: `Bearer ${token}`, 'X-Device-Key': CREDENTIAL };
  const patient = await (await fetch(`${BASE}/fhir/Patient/pat-001`, { headers: auth })).json();
  const bp = await (await fetch(`${BASE}/fhir/Observation?patient=pat-001&code=85354-9&_sort=-date&_count=1`, { headers: auth })).json();
  const [sys, dia] = bp.entry[0].resource.component.map((c) => c.valueQuantity.value);
  await fetch(`${BASE}/api/signout`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: '{}' });
  return { name: patient.name[0].text, reading: `${sys}/${dia}` };
}

/** Every string of the page's JavaScript heap, after a full garbage collection (CDP heap snapshot). */
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

/** Text and attribute values of every node, shadow roots included. */
function everything(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) out.push(a.value);
        if (el.shadowRoot) {
          out.push(el.shadowRoot.textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    out.push(document.documentElement.outerHTML);
    walk(document);
    return out.join('\n');
  });
}

async function tapDigits(keypad, digits) {
  for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).tap();
  await keypad.locator('button[part="submit"]').tap();
}

describe('health record at the village hall: sign in, read, walk away, wiped', () => {
  let browser;
  let watch;
  let page;
  let person;
  const tokens = new Set();

  before(async () => {
    person = await truth();
    browser = await launch();
    watch = await kioskPage(browser, { credential: CREDENTIAL });
    page = watch.page;
    page.on('request', (request) => {
      const auth = request.headers().authorization;
      if (auth) tokens.add(auth.replace(/^Bearer /, ''));
    });
    await page.goto(`${BASE}/?idle=30&warn=8&heartbeat=3600`);
    await waitForApp(page, 'ready', 'home');
  });
  after(async () => {
    await browser?.close();
  });

  it('signs in on the keypad (number masked) and shows the summary', async () => {
    await page.locator('ck-home .tile[data-service="health"]').tap();
    await waitForApp(page, 'ready', 'health');
    const record = page.locator('ck-health-record');
    await tapDigits(record.locator('ck-keypad'), CARD_DIGITS);
    await record.locator('.masked').waitFor();
    assert.equal((await record.locator('.masked').innerText()).trim(), '****', 'a 4-digit number is fully masked');
    await tapDigits(record.locator('ck-keypad'), PIN);
    // Polled from here: the name is compared in node, never handed to the page (the heap check below).
    let text = '';
    for (const end = Date.now() + 20_000; !text.includes(person.name) && Date.now() < end; ) {
      await page.waitForTimeout(200);
      text = await pageText(page);
    }
    assert.ok(text.includes(person.name), 'the name is shown');
    await page.waitForFunction(() => !document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-health-record').shadowRoot.querySelector('ck-status-banner[state="loading"]'), undefined, { timeout: 20_000 });
    // Lit renders "135", "/" and "78" as separate text nodes: pageText joins them with spaces.
    text = (await pageText(page)).replace(/\s*\/\s*/g, '/');
    assert.ok(text.includes(person.reading), `the latest blood pressure ${person.reading} is shown`);
    assert.match(text, /高血压|Hypertension/);
    assert.match(text, /下次随访/);
    assert.ok(tokens.size >= 1, 'FHIR requests carried a bearer token');
    await expectAccessible(page, 'health summary');
  });

  it('shows the trends as charts with a table alternative', async () => {
    const record = page.locator('ck-health-record');
    await record.getByRole('tab', { name: '趋势' }).tap();
    await record.locator('ck-chart').first().waitFor();
    assert.equal(await record.locator('ck-chart').count(), 3);
    await page.waitForFunction(() => {
      const rec = document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-health-record');
      return rec.shadowRoot.querySelector('ck-chart')?.shadowRoot?.querySelector('canvas') !== null;
    }, undefined, { timeout: 15_000 });
    await expectAccessible(page, 'health trends');
    // The memory check below can fail: while signed in, the heap does hold the name and the token.
    const strings = await heapStrings(watch.context, page);
    assert.ok(strings.some((x) => x.includes(person.name)), 'the name is in memory while the record is shown');
    assert.ok([...tokens].some((t) => strings.some((x) => x.includes(t))), 'so is the token');
  });

  it('after the visitor walks away, idle wipes everything: DOM, element, Back, memory', async () => {
    const element = await page.evaluateHandle(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-health-record'));
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-dialog')?.open === true, undefined, { timeout: 40_000 });
    await waitForApp(page, 'ready', 'home', 30_000);
    const secrets = [person.name, ...tokens];

    const dom = await everything(page);
    for (const s of secrets) assert.ok(!dom.includes(s), `the DOM does not hold ${s === person.name ? 'the name' : 'the token'}`);
    assert.ok(!(await pageText(page)).includes(person.reading), 'nor the reading');

    // The element the visitor used (still referenced here): its shadow DOM and properties are empty.
    const left = await element.evaluate((el) => [el.shadowRoot?.textContent ?? '', JSON.stringify(Object.fromEntries(Object.keys(el).map((k) => [k, String(el[k])]))), String(el.accessToken)].join('\n'));
    for (const s of secrets) assert.ok(!left.includes(s), 'the old element holds nothing');
    await element.dispose();

    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + history.length);
    for (const s of secrets) assert.ok(!storage.includes(s), 'nothing in storage or the address');

    // The page's strings in memory, after garbage collection.
    const strings = await heapStrings(watch.context, page);
    for (const s of secrets) assert.equal(strings.filter((x) => x.includes(s)).length, 0, `no string in the heap holds ${s === person.name ? 'the name' : 'the token'}`);

    // Back: the kiosk never pushed a history entry for the record, so Back leaves the kiosk page
    // altogether (to the blank page it was opened from) and no earlier state of it comes back.
    await page.goBack().catch(() => undefined);
    const back = page.url().startsWith(BASE) ? (await pageText(page)) + (await everything(page)) : '';
    for (const s of secrets) assert.ok(!back.includes(s), 'Back does not bring the record back');
  });
});
