// Shared by the end-to-end specs: Chromium, the kiosk page, axe, CSP watching.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.KIOSK_URL ?? 'http://127.0.0.1:8080';
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
// The server's demo data (apps/server seed): the site is its station nd-001, with that station's position, official and phone.
export const SITE = { id: 'ningde-donghu', zh: '东湖公园东门驿站', en: 'Donghu Park East Gate Station', official: '黄德明', phone: '0593-2585086', lat: 26.659154, lon: 119.549627 };
/** The server's documented demo credential of the site (accepted outside production): a kiosk already enrolled there. */
export const DEVICE_KEY = `ckd_demo-${SITE.id}.demo-secret`;
/** The test server's database engine: 'sqlite', or 'postgres' in the PostgreSQL pass (test/run.mjs --pg). */
export const DB_ENGINE = process.env.KIOSK_DB_ENGINE ?? 'sqlite';

/**
 * Runs one of the server's commands (`devices`, `staff-add`, ...: apps/server/src/cli) on the test
 * server's own database, whichever engine it is, and answers what it printed.
 */
export function serverCommand(name, args = [], env = {}) {
  const cli = path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), `cli/${name}.js`);
  const dbEnv = DB_ENGINE === 'postgres' ? { DATABASE_URL: process.env.KIOSK_DATABASE_URL } : { SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, DATABASE_URL: '' };
  return execFileSync(process.execPath, [cli, ...args], { cwd: process.env.KIOSK_TMP, env: { ...process.env, PUBLIC_URL: BASE, ...dbEnv, ...env }, encoding: 'utf8' });
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A kiosk page with touch, watching for Content-Security-Policy and Trusted
 * Types violations (console "Refused to ..." messages and securitypolicyviolation events).
 * `credential`: what the kiosk holds from an earlier enrollment (the demo
 * site's by default); null for a kiosk that was never enrolled.
 * `serviceWorkers`: 'allow' to let the kiosk set up its offline copy.
 */
export async function kioskPage(browser, { viewport = PORTRAIT, credential = DEVICE_KEY, serviceWorkers = 'block' } = {}) {
  // The service worker (offline copy) is blocked unless a test is about it: page.route cannot see
  // requests a service worker makes, and most tests stage outages with page.route.
  const context = await browser.newContext({ viewport, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers });
  if (credential) await context.addInitScript((value) => localStorage.setItem('ck-kiosk-credential', value), credential);
  const page = await context.newPage();
  const violations = [];
  const errors = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`securitypolicyviolation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|securitypolicyviolation|Trusted Type|TrustedHTML|TrustedScript/i.test(text)) violations.push(text);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, violations, errors };
}

/** Waits for the shell to be in a phase (`ready`, `out-of-service`) and, when given, a view (`home`, `stations`). */
export async function waitForApp(page, phase, view, timeout = 20_000) {
  await page.waitForFunction(
    ([p, v]) => {
      const app = document.querySelector('ck-kiosk-app');
      return app?.dataset.phase === p && (v === undefined || app.dataset.view === v);
    },
    [phase, view],
    { timeout },
  );
}

/** axe over the whole page (shadow roots included); fails with every violation listed. */
export async function expectAccessible(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join('\n    ')}`);
  assert.equal(violations.length, 0, `axe on "${screen}":\n  ${report.join('\n  ')}`);
}

/** Visible text of the whole page, shadow roots included. */
export function pageText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent);
      if (node.shadowRoot) walk(node.shadowRoot);
      for (const child of node.childNodes) walk(child);
    };
    walk(document.body);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

/** Every element matching a selector, shadow roots included: [{ tag, width, height, text }]. */
export function deepBoxes(page, selector) {
  return page.evaluate((sel) => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(sel)) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.height > 0) found.push({ tag: el.localName, cls: el.className?.baseVal ?? el.className, width: r.width, height: r.height, text: el.textContent.trim().slice(0, 40) });
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  }, selector);
}

export function assertNoViolations(watch) {
  assert.deepEqual(watch.violations, [], 'no CSP / Trusted Types violations');
  assert.deepEqual(watch.errors, [], 'no uncaught page errors');
}

/**
 * A USB scanner: a burst of keys then Enter, dispatched in the page with their own time stamps
 * (4 ms apart), so a stall of a loaded test machine cannot make it look like a person typing.
 */
export function scan(page, code) {
  return page.evaluate((value) => {
    const start = performance.now();
    [...value, 'Enter'].forEach((key, i) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
      (document.activeElement ?? document.body).dispatchEvent(event);
    });
  }, code);
}
