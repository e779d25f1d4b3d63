// Kiosk benchmarks (pnpm bench, after the build):
//  1. the home screen's initial JavaScript, gzipped, from Vite's manifest (goal <= 60 kB), and for each
//     service what its tile loads on demand: the chunks its loader imports (manifest), the JavaScript the
//     browser actually fetched between the tap and the first screen, and everything it can load later
//     (map, charts, QR code, keyboard...);
//  2. with Chromium's CPU throttled 4x (CDP Emulation.setCPUThrottlingRate), against the real server on
//     SQLite: time to an interactive home screen (mark `ck-home-ready`), and for each service from tapping
//     its tile (mark `ck-service-open`) to its first screen shown. Median of BENCH_RUNS cold loads per
//     service (a fresh browser context each) after one warm-up round that is not counted.
// Figures go to the console (a table) and bench-results.json. KIOSK_URL=http://... uses a running server.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { dist, HALL_SITE, kioskContext, launch, median, root, startServer, STATION_SITE } from './server.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL_KB = 60;
const HOME_GOAL_MS = 1000;
const SERVICE_GOAL_MS = 300;

/**
 * Each service: the site that offers it, its loader's modules (services.ts `load()`), and its first
 * screen as the visitor sees it (a selector inside the element's shadow root; `inner`: that element's
 * own shadow root must have drawn this too).
 */
const SERVICES = [
  { id: 'stations', name: 'station finder: list', site: STATION_SITE, host: 'ck-station-finder', first: '.row', modules: ['station-finder/dist/define.js', 'station-finder/dist/source.js', 'station-finder/dist/cache.js'] },
  { id: 'deliberation', name: 'parking board: the problem', site: HALL_SITE, host: 'ck-parking-board', first: '.fact', modules: ['parking-board/dist/define.js', 'parking-board/dist/source.js'] },
  { id: 'health', name: 'health record: sign-in', site: HALL_SITE, host: 'ck-health-record', first: 'section.signin ck-keypad', inner: 'button', modules: ['health-record/dist/define.js'] },
  { id: 'library', name: 'library: start screen', site: HALL_SITE, host: 'ck-library-checkout', first: '.scan-hint', modules: ['library-checkout/dist/define.js'] },
];

// 1. Sizes.
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const gzCache = new Map();
const gz = (file) => {
  if (!gzCache.has(file)) gzCache.set(file, gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length);
  return gzCache.get(file);
};
const kb = (b) => Math.round((b / 1024) * 10) / 10;
/** Keys reachable from `starts` by static imports (and dynamic ones when asked), leaving out `except`. */
function closure(starts, { dynamic = false, except = new Set() } = {}) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || except.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const dep of [...(manifest[key].imports ?? []), ...(dynamic ? (manifest[key].dynamicImports ?? []) : [])]) visit(dep);
  };
  for (const s of starts) visit(s);
  return seen;
}
const jsOf = (keys) => [...keys].reduce((sum, key) => sum + gz(manifest[key].file), 0);

const initial = closure(['index.html']);
const initialJs = jsOf(initial);
const initialCss = [...new Set([...initial].flatMap((key) => manifest[key].css ?? []))].reduce((sum, file) => sum + gz(file), 0);
const allLazy = new Set([...initial].flatMap((key) => [...closure(manifest[key].dynamicImports ?? [], { dynamic: true, except: initial })]));
const keyOf = (suffix) => Object.keys(manifest).find((k) => k.endsWith(`/packages/${suffix}`));
for (const service of SERVICES) {
  const keys = service.modules.map(keyOf).filter(Boolean);
  if (keys.length !== service.modules.length) throw new Error(`${service.id}: a loader module is not in the manifest (${service.modules.join(', ')})`);
  service.onTapKb = kb(jsOf(closure(keys, { except: initial })));
  service.allOnDemandKb = kb(jsOf(closure(keys, { dynamic: true, except: initial })));
}

// 2. Timings (and what each tap really fetched).
const server = await startServer();
const browser = await launch();
const homeMs = { [STATION_SITE]: [], [HALL_SITE]: [] };
for (const service of SERVICES) Object.assign(service, { runsMs: [], fetchedKb: [] });
const fileOf = (url) => {
  const p = new URL(url).pathname.replace(/^\/+/, '');
  return p.endsWith('.js') && fs.existsSync(path.join(dist, p)) ? p : undefined;
};

async function measure(service) {
  const context = await kioskContext(browser, service.site);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${server.base}/?heartbeat=3600`);
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app')?.dataset.phase === 'ready', undefined, { timeout: 60_000, polling: 'raf' });
    // Interactive: the home screen is drawn from the site configuration and its tiles take a tap.
    const home = await page.evaluate(() => performance.getEntriesByName('ck-home-ready')[0].startTime);
    const fetched = new Set();
    const onRequest = (request) => {
      const file = fileOf(request.url());
      if (file) fetched.add(file);
    };
    page.on('request', onRequest);
    await page.locator(`ck-home .tile[data-service="${service.id}"]`).tap();
    await page.waitForFunction(
      ({ host, first, inner }) => {
        const el = document.querySelector('ck-kiosk-app')?.shadowRoot?.querySelector(host)?.shadowRoot?.querySelector(first);
        return el && (!inner || el.shadowRoot?.querySelector(inner));
      },
      service,
      { timeout: 60_000, polling: 'raf' },
    );
    const ms = await page.evaluate(() => performance.now() - performance.getEntriesByName('ck-service-open')[0].startTime);
    page.off('request', onRequest);
    return { home, ms, fetchedBytes: [...fetched].reduce((sum, f) => sum + gz(f), 0) };
  } finally {
    await context.close();
  }
}

try {
  // Rounds through all services rather than one service at a time, so a busy moment of the shared
  // machine spreads over all of them. Round 0 warms the server's caches (stations, SQLite pages).
  for (let round = 0; round <= RUNS; round++) {
    for (const service of SERVICES) {
      const { home, ms, fetchedBytes } = await measure(service);
      if (round === 0) continue;
      homeMs[service.site].push(home);
      service.runsMs.push(ms);
      service.fetchedKb.push(kb(fetchedBytes));
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

const round = (xs) => xs.map((x) => Math.round(x));
const homeAll = [...homeMs[STATION_SITE], ...homeMs[HALL_SITE]];
const rows = [
  ['measure', 'median', 'runs', 'goal', ''],
  ['home initial JS, gzipped', `${kb(initialJs)} kB`, `${initial.size} file(s), CSS ${kb(initialCss)} kB`, `≤ ${GOAL_KB} kB`, initialJs <= GOAL_KB * 1024 ? 'OK' : 'OVER'],
  [`home interactive, station (${STATION_SITE})`, `${Math.round(median(homeMs[STATION_SITE]))} ms`, round(homeMs[STATION_SITE]).join(' '), `< ${HOME_GOAL_MS} ms`, median(homeMs[STATION_SITE]) < HOME_GOAL_MS ? 'OK' : 'OVER'],
  [`home interactive, village hall (${HALL_SITE})`, `${Math.round(median(homeMs[HALL_SITE]))} ms`, round(homeMs[HALL_SITE]).join(' '), `< ${HOME_GOAL_MS} ms`, median(homeMs[HALL_SITE]) < HOME_GOAL_MS ? 'OK' : 'OVER'],
];
for (const s of SERVICES) {
  rows.push([`tap → ${s.name}`, `${Math.round(median(s.runsMs))} ms`, round(s.runsMs).join(' '), `< ${SERVICE_GOAL_MS} ms`, median(s.runsMs) < SERVICE_GOAL_MS ? 'OK' : 'OVER']);
}
for (const s of SERVICES) {
  rows.push([`${s.id} JS on tap, gzipped`, `${median(s.fetchedKb)} kB fetched`, `loader ${s.onTapKb} kB; with all it may load later ${s.allOnDemandKb} kB`, '', '']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log(`\nCPU throttled 4x, portrait 1080x1920, ${RUNS} cold runs per service after a warm-up round\n`);
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((c, j) => String(c).padEnd(widths[j])).join(' | ')} |`);
  if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}
console.log(`everything the home screen can load on demand: ${kb(jsOf(allLazy))} kB gzipped in ${allLazy.size} chunk(s)`);

const results = {
  initialJsGzipKb: kb(initialJs),
  initialCssGzipKb: kb(initialCss),
  goalKb: GOAL_KB,
  onDemandGzipKb: kb(jsOf(allLazy)),
  cpuThrottle: 4,
  runs: RUNS,
  homeInteractiveMs: Math.round(median(homeAll)),
  homeInteractiveBySite: Object.fromEntries(Object.entries(homeMs).map(([site, xs]) => [site, { medianMs: Math.round(median(xs)), runsMs: round(xs) }])),
  // Kept from the first version of this file: the station finder's figures under their old names.
  stationFinderOnTapGzipKb: SERVICES[0].onTapKb,
  tileToListMs: Math.round(median(SERVICES[0].runsMs)),
  homeInteractiveRunsMs: round(homeMs[STATION_SITE]),
  tileToListRunsMs: round(SERVICES[0].runsMs),
  services: Object.fromEntries(
    SERVICES.map((s) => [
      s.id,
      {
        firstScreen: s.name,
        site: s.site,
        tapToFirstScreenMs: Math.round(median(s.runsMs)),
        runsMs: round(s.runsMs),
        goalMs: SERVICE_GOAL_MS,
        fetchedOnTapGzipKb: median(s.fetchedKb),
        loaderGzipKb: s.onTapKb,
        allOnDemandGzipKb: s.allOnDemandKb,
      },
    ]),
  ),
};
// One results file for all kiosk benchmarks: the soak's and Lighthouse's figures stay beside these.
const resultsFile = path.join(root, 'bench-results.json');
const earlier = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
fs.writeFileSync(resultsFile, `${JSON.stringify({ ...results, soak: earlier.soak, lighthouse: earlier.lighthouse }, null, 2)}\n`);
if (initialJs > GOAL_KB * 1024) process.exitCode = 1;
