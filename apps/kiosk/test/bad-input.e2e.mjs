// A server that is down, slow, or sends a site configuration the kiosk cannot use:
// a clear out-of-service screen in both languages, retrying by itself, and recovery without a reload.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, launch, pageText, SITE, waitForApp } from './helpers.mjs';

const SITE_ROUTE = '**/api/kiosk/site';

async function expectOutOfService(page) {
  await waitForApp(page, 'out-of-service', undefined, 20_000);
  const text = await pageText(page);
  for (const words of ['暂停服务', 'Out of service', '立即重试', 'Try now']) assert.ok(text.includes(words), `out-of-service screen says "${words}"`);
  assert.match(text, /秒后自动重试|正在重试/);
  assert.match(text, /Next try in \d+ s|Trying again/);
}

/** Loads the kiosk with the site-configuration request answered by `handler`, checks the out-of-service screen, then lets requests through. */
async function outageThenRecovery(browser, handler, query = '') {
  const watch = await kioskPage(browser);
  const { page } = watch;
  await page.route(SITE_ROUTE, handler);
  await page.goto(`${BASE}/?${query.replace(/^&/, '')}`);
  await expectOutOfService(page);
  await expectAccessible(page, 'out of service');
  // Marks this document: a reload would lose it.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.unroute(SITE_ROUTE);
  await waitForApp(page, 'ready', 'home', 30_000);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
  assert.ok((await pageText(page)).includes(SITE.zh), 'the home screen is back');
  assertNoViolations(watch);
  await watch.context.close();
}

describe('bad input: the site configuration', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('malformed JSON: out of service, then recovers by itself', async () => {
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"ningde-donghu","name":' }));
  });

  it('a 500 answer: out of service, then recovers by itself', async () => {
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }));
  });

  it('well-formed JSON of the wrong shape (no position, services not a list): out of service, then recovers', async () => {
    const body = JSON.stringify({ id: SITE.id, name: { 'zh-CN': SITE.zh, en: SITE.en }, services: 'stations', official: { name: SITE.official, phone: SITE.phone } });
    await outageThenRecovery(browser, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  });

  it('a server too slow to answer: out of service, then recovers by itself', async () => {
    await outageThenRecovery(
      browser,
      async (route) => {
        await new Promise((r) => setTimeout(r, 3000));
        await route.continue().catch(() => {});
      },
      '&timeout=1',
    );
  });

  it('a kiosk that was never enrolled: out of service, saying how to enroll it', async () => {
    const watch = await kioskPage(browser, { credential: null });
    await watch.page.goto(`${BASE}/`);
    await expectOutOfService(watch.page);
    const text = await pageText(watch.page);
    assert.ok(text.includes('This kiosk is not enrolled yet') && text.includes('本机尚未登记'), text);
    await expectAccessible(watch.page, 'not enrolled');
    await watch.context.close();
  });

  it('a credential the server does not know: out of service, not enrolled', async () => {
    const watch = await kioskPage(browser, { credential: 'ckd_kiosk-nobody.not-a-real-secret-0123' });
    await watch.page.goto(`${BASE}/`);
    await expectOutOfService(watch.page);
    assert.ok((await pageText(watch.page)).includes('This kiosk is not enrolled yet'));
    await watch.context.close();
  });

  it('a used or mistyped enrollment link: out of service, and the code leaves the address', async () => {
    const watch = await kioskPage(browser, { credential: null });
    await watch.page.goto(`${BASE}/?enroll=ZZZZ-ZZZZ-ZZZZ-ZZZZ&lang=en`);
    await expectOutOfService(watch.page);
    assert.ok((await pageText(watch.page)).includes('The enrollment link is not valid'));
    assert.equal(new URL(watch.page.url()).search, '?lang=en');
    await watch.context.close();
  });

  it('an enrolled kiosk that boots into its used enrollment link keeps its credential and runs', async () => {
    const watch = await kioskPage(browser);
    await watch.page.goto(`${BASE}/?enroll=ZZZZ-ZZZZ-ZZZZ-ZZZZ`);
    await waitForApp(watch.page, 'ready', 'home');
    assert.equal(new URL(watch.page.url()).searchParams.has('enroll'), false, 'the used code leaves the address');
    assert.ok((await pageText(watch.page)).includes(SITE.zh));
    await watch.context.close();
  });
});

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

describe('bad input: the server is down at start-up', () => {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    server?.kill('SIGTERM');
    await browser?.close();
  });

  it('shows out of service in both languages, and recovers without a restart once the server is up', async () => {
    const dist = process.env.KIOSK_DIST;
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // The app itself comes from the kiosk's disk (as from a local cache), under the server's own CSP.
    const csp = (await fetch(`${BASE}/`)).headers.get('content-security-policy');
    assert.ok(csp?.includes("script-src 'self'"), 'the real server sends its CSP');
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/api/')) return route.continue().catch(() => {});
      const file = path.join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
      if (!file.startsWith(dist) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ path: file, headers: { 'content-security-policy': csp } });
    });
    await page.goto(`${origin}/`);
    await expectOutOfService(page);
    await expectAccessible(page, 'out of service (server down)');
    await page.evaluate(() => (window.__sameDocument = true));

    server = spawn(process.execPath, [process.env.KIOSK_SERVER_MAIN], {
      cwd: process.env.KIOSK_TMP,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, LOG_LEVEL: 'warn', STATIC_DIR: '' },
      stdio: 'ignore',
    });
    await waitForApp(page, 'ready', 'home', 45_000);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
    assert.ok((await pageText(page)).includes(SITE.official));
    assertNoViolations(watch);
  });
});

/** The server's CLI on the test server's database (device:add / device:revoke, as an operator runs them). */
function cli(script, args) {
  const file = path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), `cli/${script}.js`);
  const env = { ...process.env, SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, PUBLIC_URL: BASE, DATABASE_URL: '' };
  return execFileSync(process.execPath, [file, ...args], { cwd: process.env.KIOSK_TMP, env, encoding: 'utf8' });
}
const enrollmentLink = () => cli('devices', ['add', 'xikou-hall']).trim().split('\n').pop();
const HALL = 'ckd_demo-xikou-hall.demo-secret';

/** The village hall's official, as its server gives them (read here, in node). */
async function hallOfficial() {
  const site = await (await fetch(`${BASE}/api/kiosk/site`, { headers: { 'X-Device-Key': HALL } })).json();
  return site.official;
}

async function tapDigits(keypad, digits) {
  for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).tap();
  await keypad.locator('button[part="submit"]').tap();
}

/** Opens the health record and signs in as XK0001 (pat-001); answers the name shown, read from the server in node. */
async function signInToHealth(page) {
  await page.locator('ck-home .tile[data-service="health"]').tap();
  await waitForApp(page, 'ready', 'health');
  const record = page.locator('ck-health-record');
  await tapDigits(record.locator('ck-keypad'), '0001');
  await record.locator('.masked').waitFor();
  await tapDigits(record.locator('ck-keypad'), '123456');
}

/** pat-001's name as the server has it (read in node, never handed to the page). */
async function patientName() {
  const headers = { 'Content-Type': 'application/json', 'X-Device-Key': HALL };
  const signin = await fetch(`${BASE}/api/residents/signin`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify({ cardNumber: 'XK0001', pin: '123456', service: 'health' }) });
  const { token } = await signin.json();
  const patient = await (await fetch(`${BASE}/fhir/Patient/pat-001`, { headers: { Authorization: `Bearer ${token}`, 'X-Device-Key': HALL } })).json();
  await fetch(`${BASE}/api/signout`, { method: 'POST', headers: { ...headers, Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() }, body: '{}' });
  return patient.name[0].text;
}

/** In the page: whether the health record (its shadow roots and theirs) shows `words`. */
function recordSays(words) {
  const text = [];
  const walk = (root) => {
    text.push(root.textContent ?? '');
    for (const el of root.querySelectorAll('*')) {
      for (const a of ['reason', 'message']) if (el.getAttribute(a)) text.push(el.getAttribute(a));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-health-record').shadowRoot);
  return text.join(' ').includes(words);
}

describe('bad input: the device credential is revoked mid-session', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('revoked (device:revoke) while a villager reads their health record: wiped, the revoked screen with the official\'s phone; a new enrollment link brings it back', async () => {
    const official = await hallOfficial();
    const watch = await kioskPage(browser, { credential: null });
    const { page } = watch;
    const tokens = new Set();
    page.on('request', (r) => r.headers().authorization && tokens.add(r.headers().authorization.replace(/^Bearer /, '')));
    const name = await patientName();
    // The heartbeat (every 5 s) is the request that meets the revocation even when the visitor does nothing.
    await page.goto(`${enrollmentLink()}&heartbeat=5&idle=600`);
    await waitForApp(page, 'ready', 'home');
    const credential = await page.evaluate(() => localStorage.getItem('ck-kiosk-credential'));
    const deviceId = credential.slice(4, credential.lastIndexOf('.'));
    await signInToHealth(page);
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-health-record')?.shadowRoot?.textContent.includes('随访'), undefined, { timeout: 20_000 });
    assert.ok(name && (await pageText(page)).includes(name), 'the villager\'s record is on screen');

    assert.match(cli('devices', ['revoke', deviceId]), /Revoked/);
    await waitForApp(page, 'out-of-service', undefined, 30_000);
    const text = await pageText(page);
    assert.ok(text.includes('本机的设备凭据已被撤销') && text.includes('credential was revoked'), 'says it was revoked, in both languages');
    assert.ok(text.includes(official.name) && text.includes(official.phone), `names the official and their phone: ${official.name} ${official.phone}`);
    const all = await page.evaluate(() => {
      const out = [document.documentElement.outerHTML];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) {
            out.push(el.shadowRoot.textContent ?? '');
            walk(el.shadowRoot);
          }
        }
      };
      walk(document);
      return out.join('\n') + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href;
    });
    for (const secret of [name, ...tokens]) assert.ok(!all.includes(secret), 'nothing of the villager is left on the page, in storage or the address');
    await expectAccessible(page, 'revoked mid-session');

    // Staff enroll it again: the new link is opened on the kiosk, which runs with its new credential.
    await page.goto(`${enrollmentLink()}&heartbeat=3600`);
    await waitForApp(page, 'ready', 'home');
    assert.notEqual(await page.evaluate(() => localStorage.getItem('ck-kiosk-credential')), credential, 'a new credential');
    assert.ok(!(await pageText(page)).includes(name));
    assertNoViolations(watch);
    await watch.context.close();
  });

  it('revoked while a service is open, then accepted again: recovers by itself, without a reload', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.goto(`${BASE}/?heartbeat=5&idle=600`);
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await waitForApp(page, 'ready', 'stations');
    await page.evaluate(() => (window.__sameDocument = true));
    const revoked = JSON.stringify({ code: 'DEVICE_REVOKED', message: 'This kiosk was revoked.', reasons: { 'zh-CN': '本终端已被停用。', en: 'This kiosk was revoked.' } });
    await page.route('**/api/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: revoked }));
    await waitForApp(page, 'out-of-service', undefined, 30_000);
    const text = await pageText(page);
    assert.ok(text.includes('credential was revoked') && text.includes(SITE.phone), 'the revoked screen with the official\'s phone');
    await page.unroute('**/api/**');
    await waitForApp(page, 'ready', 'home', 45_000);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'recovered without a reload');
    assertNoViolations(watch);
    await watch.context.close();
  });
});

describe('bad input: server errors and waits met inside a service', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a 503 from the stations API: the finder offers a retry, the shell says what happened with the official\'s phone; it clears once the retry works', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.route('**/api/stations**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'The server had a problem.', reasons: { 'zh-CN': '服务器出现问题，请稍后再试。', en: 'The server had a problem. Please try again later.' } }) }),
    );
    await page.goto(`${BASE}/?lang=en&heartbeat=3600`);
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await waitForApp(page, 'ready', 'stations');
    const alert = page.locator('ck-kiosk-app .service-problem[data-problem="server-error"]');
    await alert.waitFor({ timeout: 20_000 });
    const words = await alert.innerText();
    assert.match(words, /error 503/);
    assert.ok(words.includes(SITE.official) && words.includes(SITE.phone), words);
    const retry = page.locator('ck-station-finder ck-status-banner[retryable] [part~="retry"]').first();
    await retry.waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'a service meets a 503');
    // In Chinese too.
    await page.locator('ck-kiosk-app [data-locale="zh-CN"]').tap();
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('.service-problem')?.textContent.includes('错误 503'));
    assert.ok((await alert.innerText()).includes('请致电本站负责人'));

    await page.unroute('**/api/stations**');
    await retry.tap();
    await alert.waitFor({ state: 'detached', timeout: 20_000 });
    assertNoViolations(watch);
    await watch.context.close();
  });

  it('sign-in paused on this kiosk (429 DEVICE_THROTTLED) and a PIN wait (429 PIN_WAIT): how long to wait, in the visitor\'s language', async () => {
    const official = await hallOfficial();
    const watch = await kioskPage(browser, { credential: HALL });
    const { page } = watch;
    const throttled = {
      code: 'DEVICE_THROTTLED',
      message: 'Too many failed sign-ins on this kiosk. Sign-in is paused here for 15 minute(s); please ask the staff.',
      reasons: { 'zh-CN': '本终端登录失败次数过多，已暂停登录 15 分钟，请联系工作人员。', en: 'Too many failed sign-ins on this kiosk. Sign-in is paused here for 15 minute(s); please ask the staff.' },
      retryAfterSeconds: 900,
    };
    await page.route('**/api/residents/signin', (route) => route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '900' }, body: JSON.stringify(throttled) }));
    await page.goto(`${BASE}/?heartbeat=3600&idle=600`);
    await waitForApp(page, 'ready', 'home');
    await signInToHealth(page);
    const alert = page.locator('ck-kiosk-app .service-problem[data-problem="wait"]');
    await alert.waitFor({ timeout: 20_000 });
    const words = await alert.innerText();
    assert.match(words, /等待约 15 分钟/);
    assert.ok(words.includes(official.phone), 'with the official\'s phone');
    await page.waitForFunction(recordSays, '暂停登录 15 分钟', { timeout: 10_000 });
    await expectAccessible(page, 'sign-in paused on this kiosk');

    // A per-card wait is the sign-in form's own business (no kiosk-wide alert), in the server's words.
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
    await page.unroute('**/api/residents/signin');
    const wait = { code: 'PIN_WAIT', message: 'Please wait 30 s before trying again; a try made sooner counts as a wrong PIN. 3 attempt(s) left.', reasons: { 'zh-CN': '请等待 30 秒后再试，提前尝试按输错密码计算。还可尝试 3 次。', en: 'Please wait 30 s before trying again; a try made sooner counts as a wrong PIN. 3 attempt(s) left.' }, retryAfterSeconds: 30, attemptsLeft: 3 };
    await page.route('**/api/residents/signin', (route) => route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '30' }, body: JSON.stringify(wait) }));
    await signInToHealth(page);
    await page.waitForFunction(recordSays, '请等待 30 秒', { timeout: 10_000 });
    assert.equal(await page.locator('ck-kiosk-app .service-problem').count(), 0, 'no kiosk-wide alert for one card\'s wait');
    assertNoViolations(watch);
    await watch.context.close();
  });

  it('the site configuration answers 429 with a wait: out of service saying how long, no retry sooner, then recovers', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    let asked = 0;
    let firstAt = 0;
    let secondAt = 0;
    await page.route(SITE_ROUTE, (route) => {
      asked += 1;
      if (asked === 1) {
        firstAt = Date.now();
        return route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '4' }, body: JSON.stringify({ code: 'RATE_LIMITED', message: 'Too many requests from this kiosk. Please wait 4 s.', reasons: { 'zh-CN': '本终端请求过于频繁，请 4 秒后再试。', en: 'Too many requests from this kiosk. Please wait 4 s.' }, retryAfterSeconds: 4 }) });
      }
      if (asked === 2) secondAt = Date.now();
      return route.continue();
    });
    await page.goto(`${BASE}/?heartbeat=3600`);
    await expectOutOfService(page);
    const text = await pageText(page);
    assert.ok(text.includes('需等待 4 秒') && text.includes('Wait 4 s'), 'says how long, in both languages');
    await expectAccessible(page, 'out of service: asked to wait');
    await waitForApp(page, 'ready', 'home', 30_000);
    assert.ok(secondAt - firstAt >= 3500, `the next try waited for the server's 4 s (${secondAt - firstAt} ms)`);
    assertNoViolations(watch);
    await watch.context.close();
  });
});

describe('bad input: the kiosk\'s clock is wrong by hours', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('5 h slow (and jumping 3 h mid-countdown): enrolls, shows the server\'s time, and the idle countdown and reset still work', async () => {
    const watch = await kioskPage(browser, { credential: null });
    const { page } = watch;
    // The page's wall clock only (Date); timers and performance.now() run as on a real kiosk with a wrong clock.
    await page.addInitScript(() => {
      const RealDate = Date;
      window.__clockOffset = -5 * 3600_000;
      class WrongDate extends RealDate {
        constructor(...args) {
          if (args.length === 0) super(RealDate.now() + window.__clockOffset);
          else super(...args);
        }
        static now() {
          return RealDate.now() + window.__clockOffset;
        }
      }
      globalThis.Date = WrongDate;
    });
    await page.goto(`${enrollmentLink()}&heartbeat=3600&idle=10&warn=6`);
    await waitForApp(page, 'ready', 'home');
    const wrong = await page.evaluate(() => new Date().toISOString());
    assert.ok(Math.abs(Date.parse(wrong) - Date.now()) > 4 * 3600_000, 'the page\'s clock is 5 h off');
    const minutes = (hhmm) => {
      const [, h, m] = /(\d{1,2}):(\d{2})/.exec(hhmm);
      return Number(h) * 60 + Number(m);
    };
    const shown = minutes(await page.locator('ck-home .clock .time').innerText());
    const real = minutes(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date()));
    const diff = Math.min(Math.abs(shown - real), 1440 - Math.abs(shown - real));
    assert.ok(diff <= 2, `the home screen shows the server's time (${shown} vs ${real} min of the day)`);

    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await waitForApp(page, 'ready', 'stations');
    const finderNow = await page.locator('ck-station-finder').evaluate((el) => el.now?.getTime());
    assert.ok(finderNow && Math.abs(finderNow - Date.now()) < 120_000, 'the station finder judges "open now" on the server\'s time');
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app').shadowRoot.querySelector('ck-dialog')?.open === true, undefined, { timeout: 30_000 });
    await page.evaluate(() => (window.__clockOffset += 3 * 3600_000));
    await page.waitForTimeout(600);
    const left = Number(await page.locator('ck-kiosk-app .countdown strong').innerText());
    assert.ok(left >= 1 && left <= 6, `the countdown keeps counting after the clock jumped (${left} s left)`);
    await waitForApp(page, 'ready', 'home', 20_000);
    assertNoViolations(watch);
    await watch.context.close();
  });
});

describe('bad input: a service worker from an older version', () => {
  let browser;
  let server;
  let dir;
  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the new worker takes over at once, but the page reloads only after the visitor is gone, with nothing of them', async () => {
    // A copy of the built app that the test can "deploy" a new worker into, served by a server of its own.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-sw-'));
    fs.cpSync(process.env.KIOSK_DIST, dir, { recursive: true });
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [process.env.KIOSK_SERVER_MAIN], {
      cwd: process.env.KIOSK_TMP,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, STATIC_DIR: dir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i += 1) {
      if (await fetch(`${origin}/api/openapi.json`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launch();
    const watch = await kioskPage(browser, { serviceWorkers: 'allow' });
    const { page } = watch;
    await page.goto(`${origin}/?heartbeat=3600&idle=25&warn=5`);
    await waitForApp(page, 'ready', 'home');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    // The kiosk as it runs every day: its page was loaded by the (now old) worker.
    await page.reload();
    await waitForApp(page, 'ready', 'home');
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled by the old worker');

    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await waitForApp(page, 'ready', 'stations');
    await page.locator('ck-station-finder .row').first().waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      window.__sameDocument = true;
      navigator.serviceWorker.addEventListener('controllerchange', () => (window.__newWorker = true));
    });

    // A new version is deployed: its worker differs by a byte, in every encoding the server may send.
    const sw = path.join(dir, 'sw.js');
    const next = `${fs.readFileSync(sw, 'utf8')}\n// the next version\n`;
    fs.writeFileSync(sw, next);
    if (fs.existsSync(`${sw}.br`)) fs.writeFileSync(`${sw}.br`, zlib.brotliCompressSync(next));
    if (fs.existsSync(`${sw}.gz`)) fs.writeFileSync(`${sw}.gz`, zlib.gzipSync(next));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction(() => window.__newWorker === true, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    assert.deepEqual(
      await page.evaluate(() => [window.__sameDocument, document.querySelector('ck-kiosk-app').dataset.view]),
      [true, 'stations'],
      'the visitor in the station finder is not interrupted by the new version',
    );

    // The visitor leaves: at the idle reset the page reloads into the new version.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await reloaded;
    await waitForApp(page, 'ready', 'home');
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'the page was reloaded');
    assert.equal(await page.locator('ck-station-finder').count(), 0, 'nothing of the last visit is shown');
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller?.state === 'activated'), 'the new worker controls the page');
    // It reloads once, not again and again.
    await page.evaluate(() => (window.__afterReload = true));
    await page.waitForTimeout(4000);
    assert.equal(await page.evaluate(() => window.__afterReload), true, 'no second reload');
    assertNoViolations(watch);
    await watch.context.close();
  });
});
