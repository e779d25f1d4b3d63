// Issue 14 item 10 ("Every screen fits") and item 11's axe sentence, for every kiosk screen: home, the
// station finder, the parking board (the problem, a proposal, the vote sign-in), the health record
// (sign-in, the summary after sign-in), the library (start, signed in), the attract screen and the
// out-of-service screen — at 1080x1920 and 1920x1080, zh-CN and en, standard and elder, at 100% and 200%.
//
// 200% zoom: a browser at 200% lays the page out in a CSS viewport of half the screen's size (and draws
// it with twice the device pixels). Layout depends only on the CSS viewport, so 200% is emulated as a
// 540x960 / 960x540 CSS px viewport at deviceScaleFactor 1 — the same layout, a quarter of the pixels to
// render. Touch targets are measured in CSS px, as the 48 / 64 px rule is written.
//
// Checks per screen x viewport: no page scroll (and on a service, no scroll of the app's content area:
// the service scrolls inside its own panels); nothing cut off (no visible element outside the viewport or
// clipped by an ancestor with overflow hidden/clip, nor text cut by an ellipsis — except inside a scroll
// panel); every button, link and role=button (shadow roots included) at least 48 px (64 px in elder
// mode) both ways; zero CSP / Trusted Types violations and page errors; axe with zero violations (at
// 100% only: axe judges the DOM and colours, which zoom does not change, and it is the slow part).
//
// Run time: one page per language x mode walks through every service screen; at each screen the
// viewport is resized through the four sizes, so one page load serves sixteen checks.
// SCREENS_SHOTS=/some/dir saves a PNG of every screen x viewport x language x mode there, to look at.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BASE, kioskPage, launch, scan, serverCommand, waitForApp } from './helpers.mjs';

// The village hall offers all four services.
const CREDENTIAL = 'ckd_demo-xikou-hall.demo-secret';
const VIEWPORTS = [
  { name: '1080x1920 100%', width: 1080, height: 1920, zoom: 100, axe: true },
  { name: '1920x1080 100%', width: 1920, height: 1080, zoom: 100, axe: true },
  { name: '1080x1920 200%', width: 540, height: 960, zoom: 200, axe: false },
  { name: '1920x1080 200%', width: 960, height: 540, zoom: 200, axe: false },
];
const MODES = [
  { lang: 'zh-CN', elder: false },
  { lang: 'zh-CN', elder: true },
  { lang: 'en', elder: false },
  { lang: 'en', elder: true },
];
const SHOTS = process.env.SCREENS_SHOTS;
if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });

const modeName = ({ lang, elder }) => `${lang}, ${elder ? 'elder' : 'standard'}`;
const app = (page) => page.locator('ck-kiosk-app');

/**
 * Measures the page as it is now (runs in the page): scroll, cut-off elements and text, small touch targets.
 * `contentScrolls`: the app's content area may scroll (then it counts as a scroll panel); otherwise it must not.
 */
function measure({ contentScrolls, minTarget }) {
  const W = innerWidth;
  const H = innerHeight;
  const px = (n) => Math.round(n);
  /** The parent in the flattened (composed) tree: slot, parent, or the shadow root's host. */
  const parentOf = (el) => el.assignedSlot ?? el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
  const appRoot = document.querySelector('ck-kiosk-app')?.shadowRoot;
  const content = appRoot?.querySelector('main.content');
  const describeEl = (el) => {
    const root = el.getRootNode();
    const host = root instanceof ShadowRoot ? `${root.host.localName} ` : '';
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = el.children.length > 3 ? '' : (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
    return `${host}${el.localName}${cls}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}${text ? ` "${text}"` : ''}`;
  };
  /** Visually hidden (screen-reader only) text and its like: clipped to nothing on purpose. */
  const hiddenOnPurpose = (el) => {
    for (let a = el; a; a = parentOf(a)) {
      const s = getComputedStyle(a);
      if ((s.clipPath && s.clipPath !== 'none') || (s.clip && s.clip !== 'auto')) return true;
    }
    return false;
  };
  /**
   * A panel that scrolls, or like the map pans, on its own: what it holds may lie outside it (a pin at the map's
   * edge is cut by the map, as on any map). The app's content area is the page, not a panel.
   */
  const isPanel = (el, s) => (el !== content || contentScrolls) && (/(auto|scroll)/.test(s.overflowX + s.overflowY) || el.classList.contains('leaflet-container'));
  /** Where a problem lies when the fix belongs to a file this branch does not own (see KNOWN below). */
  const topbar = appRoot?.querySelector('header.topbar');
  const regionOf = (el) => {
    for (let a = el; a; a = parentOf(a)) {
      if (a === topbar) return 'topbar';
      if (a.localName === 'ck-out-of-service') return 'out-of-service';
    }
    return '';
  };

  const elements = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      elements.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);

  const cut = [];
  const small = [];
  let targets = 0;
  // Only the outermost element cut off is reported, not each of its descendants.
  const reported = new Set();
  const underReported = (el) => {
    for (let a = parentOf(el); a; a = parentOf(a)) if (reported.has(a)) return true;
    return false;
  };
  for (const el of elements) {
    if (['style', 'script', 'template', 'slot', 'link', 'meta', 'title', 'head', 'br'].includes(el.localName)) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (hiddenOnPurpose(el)) continue;
    // Clipped by an ancestor (overflow hidden/clip), unless a scroll panel lies between.
    let inPanel = false;
    let clipped = '';
    for (let a = parentOf(el); a && a !== document.documentElement; a = parentOf(a)) {
      const s = getComputedStyle(a);
      if (isPanel(a, s)) {
        inPanel = true;
        // Content above or before a scroll panel's start (centred content that overflows) can never be scrolled to.
        const b = a.getBoundingClientRect();
        if (!a.classList.contains('leaflet-container') && (r.top + a.scrollTop < b.top - 1 || r.left + a.scrollLeft < b.left - 1)) {
          clipped = `${describeEl(a)}, above or before its scroll range`;
        }
        break;
      }
      const clipX = /(hidden|clip)/.test(s.overflowX) || (a === content && !contentScrolls);
      const clipY = /(hidden|clip)/.test(s.overflowY) || (a === content && !contentScrolls);
      if (!clipX && !clipY) continue;
      const b = a.getBoundingClientRect();
      if ((clipX && (r.left < b.left - 1 || r.right > b.right + 1)) || (clipY && (r.top < b.top - 1 || r.bottom > b.bottom + 1))) {
        clipped = describeEl(a);
        break;
      }
    }
    const outside = !clipped && !inPanel && (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1);
    if ((clipped || outside) && !underReported(el)) {
      reported.add(el);
      cut.push(`${regionOf(el) ? `{${regionOf(el)}} ` : ''}${describeEl(el)} [${px(r.left)},${px(r.top)} ${px(r.width)}x${px(r.height)}] ${clipped ? `clipped by ${clipped}` : `outside the ${W}x${H} viewport`}`);
    }
    // Text cut by its own box: an ellipsis, a line clamp, or overflow hidden on a box too small for its words.
    const s = getComputedStyle(el);
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (ownText && /(hidden|clip)/.test(s.overflowX + s.overflowY) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      cut.push(`${regionOf(el) ? `{${regionOf(el)}} ` : ''}${describeEl(el)}: its text is cut (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
    }
    // Touch targets.
    if (el.matches('button, a[href], [role="button"], [role="link"]') && !el.matches('[role="presentation"], [role="none"]')) {
      targets += 1;
      if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5) small.push(`${describeEl(el)} ${px(r.width)}x${px(r.height)}`);
    }
  }
  return {
    page: document.scrollingElement.scrollHeight - innerHeight,
    pageX: document.scrollingElement.scrollWidth - innerWidth,
    content: !contentScrolls && content ? content.scrollHeight - content.clientHeight : 0,
    targets,
    cut,
    small,
  };
}

/**
 * Cut-off problems whose fix lies in a file the fit branch does not own (CONTRACT.md: shell owns kiosk-app.ts and
 * out-of-service.ts, CSS included). They are printed on every run, not failed, until the shell branch fixes them;
 * touch targets, CSP and axe are still checked there. Issue 14 item 10.
 */
// Problems whose fix lies elsewhere, by region (printed, not failed): none left — the top bar and the
// out-of-service panel now fit at every size. Add an entry only with the issue that will fix it.
const KNOWN = {};

let openMotionOnce;
/**
 * An open motion to reach the vote sign-in: the seed's, unless parking.e2e.mjs (which runs first, on the same
 * server) has closed it; then staff open a new one through the staff API, as an official would.
 */
function openMotion() {
  openMotionOnce ??= (async () => {
    const headers = { 'X-Device-Key': CREDENTIAL, 'Content-Type': 'application/json' };
    const seed = await (await fetch(`${BASE}/api/deliberation/motions/motion-barrier-gate/results`, { headers })).json();
    if (seed.status === 'open') return 'motion-barrier-gate';
    const staff = { username: 'e2e-screens-admin', password: 'a long e2e screens password' };
    serverCommand('staff-add', ['--username', staff.username, '--name', 'E2E Screens'], { STAFF_PASSWORD: staff.password });
    const { token } = await (await fetch(`${BASE}/api/staff/signin`, { method: 'POST', headers, body: JSON.stringify(staff) })).json();
    const now = Date.now();
    const res = await fetch(`${BASE}/api/staff/deliberation/topics/topic-parking/motions`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: { 'zh-CN': '夜间临时停车试行', en: 'A trial of night-time parking' },
        body: { 'zh-CN': '在空地试行夜间临时停车三个月。', en: 'Try night-time parking on the idle land for three months.' },
        rule: { kind: 'majority' },
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
      }),
    });
    const motion = await res.json();
    assert.equal(res.status, 201, JSON.stringify(motion));
    return motion.id;
  })();
  return openMotionOnce;
}

/** Waits for layout after a resize or a step: two frames, then a moment for resize observers (map, charts). */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(150);
}

/**
 * Checks the screen now shown at every viewport; answers the problems found (an empty list: it fits).
 * Leaves the page at the portrait 100% viewport, where the journeys tap.
 */
async function checkScreen(watch, screen, mode, { homeAt200 = false } = {}) {
  const { page } = watch;
  const problems = [];
  const known = [];
  const minTarget = mode.elder ? 64 : 48;
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await settle(page);
    // Home is not a service: at 200% its content area may scroll (home.ts says why); everywhere else it must not.
    const m = await page.evaluate(measure, { contentScrolls: homeAt200 && vp.zoom === 200, minTarget });
    assert.ok(m.targets > 0, `${screen}: no touch target measured`);
    const where = `${screen}, ${vp.name}, ${modeName(mode)}`;
    if (m.page > 0 || m.pageX > 0) problems.push(`${where}: the page scrolls (${m.pageX} x ${m.page} px)`);
    if (m.content > 0) problems.push(`${where}: the screen does not fit, the app's content area scrolls ${m.content} px`);
    for (const c of m.cut) {
      const region = c.match(/^\{([\w-]+)\} /)?.[1];
      if (region && KNOWN[region]) known.push(`${where}: cut off: ${c} — known: ${KNOWN[region]}`);
      else problems.push(`${where}: cut off: ${c}`);
    }
    for (const s of m.small) problems.push(`${where}: touch target under ${minTarget} px: ${s}`);
    if (vp.axe) {
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations) problems.push(`${where}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}`);
    }
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${screen} ${vp.name} ${modeName(mode)}.png`.replace(/[^\w.%-]+/g, '_')) });
  }
  for (const v of watch.violations.splice(0)) problems.push(`${screen}, ${modeName(mode)}: CSP / Trusted Types violation: ${v}`);
  for (const e of watch.errors.splice(0)) problems.push(`${screen}, ${modeName(mode)}: page error: ${e}`);
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  await settle(page);
  if (known.length) console.log(`  known, not failed (files of another branch):\n    ${known.join('\n    ')}`);
  return problems;
}

function assertFits(problems) {
  assert.deepEqual(problems, [], `\n  ${problems.join('\n  ')}`);
}


async function openService(page, id) {
  if ((await app(page).getAttribute('data-view')) !== 'home') {
    await page.locator('ck-kiosk-app .home-button').tap();
    await waitForApp(page, 'ready', 'home');
  }
  await page.locator(`ck-home .tile[data-service="${id}"]`).tap();
  await waitForApp(page, 'ready', id);
}

async function tapKeypad(keypad, digits) {
  for (const d of digits) await keypad.locator('button.digit', { hasText: new RegExp(`^\\s*${d}\\s*$`) }).tap();
  await keypad.locator('[part~="submit"]').tap();
}

// Functions, not strings: the page's CSP forbids evaluating strings.
const libraryScreen = (page, s) =>
  page.waitForFunction((want) => document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-library-checkout')?.screen === want, s, { timeout: 20_000 });

describe('every kiosk screen fits, at 100% and 200%, with touch targets, no CSP violations and axe clean', () => {
  let browser;
  before(async () => {
    browser = await launch();
    // Before any page loads the board, so every page lists the motion.
    await openMotion();
  });
  after(async () => {
    await browser?.close();
  });

  for (const mode of MODES) {
    describe(`the services: ${modeName(mode)}`, () => {
      let watch;
      let page;
      before(async () => {
        watch = await kioskPage(browser, { credential: CREDENTIAL, viewport: VIEWPORTS[0] });
        page = watch.page;
        // idle 3600 s: the walk through every screen must not be reset halfway; heartbeat hourly: not in the way.
        await page.goto(`${BASE}/?lang=${mode.lang}&elder=${mode.elder ? 1 : 0}&idle=3600&heartbeat=3600&attract=3600`);
        await waitForApp(page, 'ready', 'home');
      });
      after(async () => {
        await watch?.context.close();
      });

      it('home', async () => {
        await page.locator('ck-home .tile').first().waitFor();
        assertFits(await checkScreen(watch, 'home', mode, { homeAt200: true }));
      });

      it('parking board: the problem', async () => {
        await openService(page, 'deliberation');
        const board = page.locator('ck-parking-board');
        await board.locator('.fact').first().waitFor({ timeout: 20_000 });
        await board.locator('ck-chart').first().waitFor();
        assertFits(await checkScreen(watch, 'parking board: the problem', mode));
      });

      it('parking board: a proposal', async () => {
        const board = page.locator('ck-parking-board');
        await board.locator('[data-view="proposals"]').tap();
        await board.locator('[data-id="prop-barrier"] [data-action="comments"]').tap();
        await board.locator('[data-action="back"]').waitFor();
        assertFits(await checkScreen(watch, 'parking board: a proposal', mode));
      });

      it('parking board: the vote sign-in', async () => {
        const board = page.locator('ck-parking-board');
        const motionId = await openMotion();
        await board.locator('[data-view="vote"]').tap();
        await board.locator(`[data-motion="${motionId}"]`).tap();
        await board.locator('[data-action="vote"]').tap();
        await board.locator('ck-keypad').waitFor();
        assertFits(await checkScreen(watch, 'parking board: vote sign-in', mode));
        await board.locator('[data-action="cancel-signin"]').tap();
      });

      it('health record: sign-in', async () => {
        await openService(page, 'health');
        await page.locator('ck-health-record ck-keypad').waitFor({ timeout: 20_000 });
        assertFits(await checkScreen(watch, 'health record: sign-in', mode));
      });

      it('health record: the summary (demo card XK0001)', async () => {
        const keypad = page.locator('ck-health-record ck-keypad');
        await tapKeypad(keypad, '0001');
        await page.locator('ck-health-record .masked').waitFor();
        await tapKeypad(keypad, '123456');
        await page.waitForFunction(
          () => {
            const root = document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector('ck-health-record')?.shadowRoot;
            return root && !root.querySelector('ck-keypad') && !root.querySelector('ck-status-banner[state="loading"]');
          },
          undefined,
          { timeout: 20_000 },
        );
        await page.locator('ck-health-record [role="tab"]').first().waitFor();
        assertFits(await checkScreen(watch, 'health record: summary', mode));
      });

      it('library: start', async () => {
        await openService(page, 'library');
        await libraryScreen(page, 'start');
        await page.locator('ck-library-checkout [part~="status"], ck-library-checkout h2').first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(500);
        assertFits(await checkScreen(watch, 'library: start', mode));
      });

      it('library: signed in (LIB00001)', async () => {
        await scan(page, 'LIB00001');
        await libraryScreen(page, 'pin');
        await tapKeypad(page.locator('ck-library-checkout ck-keypad'), '123456');
        await libraryScreen(page, 'borrow');
        assertFits(await checkScreen(watch, 'library: signed in', mode));
        await page.locator('ck-kiosk-app .home-button').tap();
        await waitForApp(page, 'ready', 'home');
      });
    });
  }

  // The station finder at its city station (the demo site nd-001): the village hall has no station within its 5 km.
  for (const mode of MODES) {
    it(`station finder: ${modeName(mode)}`, async () => {
      const watch = await kioskPage(browser, { viewport: VIEWPORTS[0] });
      try {
        await watch.page.goto(`${BASE}/?lang=${mode.lang}&elder=${mode.elder ? 1 : 0}&service=stations&heartbeat=3600`);
        const finder = watch.page.locator('ck-station-finder');
        await finder.locator('.row').first().waitFor({ timeout: 20_000 });
        await finder.locator('.ck-pin').first().waitFor({ state: 'attached', timeout: 20_000 });
        assertFits(await checkScreen(watch, 'station finder', mode));
      } finally {
        await watch.context.close();
      }
    });
  }

  for (const mode of MODES) {
    it(`attract screen: ${modeName(mode)}`, async () => {
      const watch = await kioskPage(browser, { credential: CREDENTIAL, viewport: VIEWPORTS[0] });
      try {
        await watch.page.goto(`${BASE}/?lang=${mode.lang}&elder=${mode.elder ? 1 : 0}&attract=2&heartbeat=3600`);
        await waitForApp(watch.page, 'ready', 'attract', 20_000);
        assertFits(await checkScreen(watch, 'attract', mode));
      } finally {
        await watch.context.close();
      }
    });
  }

  for (const mode of MODES) {
    it(`out-of-service screen: ${modeName(mode)}`, async () => {
      const watch = await kioskPage(browser, { credential: CREDENTIAL, viewport: VIEWPORTS[0] });
      try {
        // The server answers the site configuration with an error: the kiosk cannot run, and keeps retrying.
        await watch.page.route('**/api/kiosk/site', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }));
        await watch.page.goto(`${BASE}/?lang=${mode.lang}&elder=${mode.elder ? 1 : 0}&heartbeat=3600`);
        await waitForApp(watch.page, 'out-of-service', undefined, 20_000);
        // The kiosk's own log of the failed request is expected here, not a violation.
        assertFits(await checkScreen(watch, 'out of service', mode));
      } finally {
        await watch.context.close();
      }
    });
  }
});
