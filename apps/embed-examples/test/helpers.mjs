// Shared by the end-to-end specs: Chromium, a page that records every console
// error or warning, page error and CSP / Trusted Types violation.
import { chromium } from 'playwright-core';

export const API = process.env.EMBED_API ?? 'http://127.0.0.1:8080/api';
export const API_ORIGIN = new URL(API).origin;
export const PLAIN_URL = process.env.EMBED_PLAIN_URL ?? 'http://127.0.0.1:8601';
export const REACT_URL = process.env.EMBED_REACT_URL ?? 'http://127.0.0.1:8602';
export const FOREIGN_URL = process.env.EMBED_FOREIGN_URL ?? 'http://127.0.0.1:8603';
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };
/** The server's demo data (apps/server seed): the station the examples stand at, and the parking topic. */
export const SITE = { zh: '东湖公园东门驿站', en: 'Donghu Park East Gate Station', lat: 26.659154, lon: 119.549627 };
export const TOPIC = { zh: '老街小区停车难怎么办？', en: 'How should the Old Street estate solve its parking shortage?' };

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page of an embedding site. `problems` collects console errors and warnings, page
 * errors and securitypolicyviolation events: a clean embed leaves it empty.
 */
export async function embedPage(browser, { viewport = LANDSCAPE, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems = [];
  const apiResponses = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`securitypolicyviolation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().startsWith(API)) apiResponses.push(r);
  });
  return { context, page, problems, apiResponses };
}

/** Text of the rows of the finder's list (through its shadow root). */
export function stationRows(page, finder = 'ck-station-finder') {
  return page.locator(`${finder} [part~="row"]`);
}

/** A computed style of the first element with the part inside an element's shadow root. */
export function partStyle(page, host, part, properties) {
  return page.evaluate(
    ([hostSelector, partName, props]) => {
      const el = document.querySelector(hostSelector)?.shadowRoot?.querySelector(`[part~="${partName}"]`);
      if (!el) return null;
      const style = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    },
    [host, part, properties],
  );
}

/** axe over the whole page (shadow roots included); returns the violations, one line each. */
export async function axeViolations(page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}`);
}
