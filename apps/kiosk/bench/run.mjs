// Kiosk benchmarks (pnpm bench, after the build):
//  1. the home screen's initial JavaScript, gzipped, from Vite's manifest (goal <= 60 kB),
//     and what loads on demand with the station finder;
//  2. with Chromium's CPU throttled 4x (CDP Emulation.setCPUThrottlingRate), against the real
//     server on SQLite: time to an interactive home screen, and from tapping the station-finder
//     tile to its list being shown. Median of RUNS cold loads (a fresh browser context each).
// Figures go to the console and bench-results.json. KIOSK_URL=http://... uses a running server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL_KB = 60;

// 1. Size.
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
visit(entryKey);
const gz = (file) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const initialJs = [...initial].reduce((sum, key) => sum + gz(manifest[key].file), 0);
const initialCss = [...new Set([...initial].flatMap((key) => manifest[key].css ?? []))].reduce((sum, file) => sum + gz(file), 0);
const onDemand = new Set();
const visitLazy = (key) => {
  if (onDemand.has(key) || initial.has(key)) return;
  onDemand.add(key);
  for (const dep of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])]) visitLazy(dep);
};
for (const key of initial) for (const dep of manifest[key].dynamicImports ?? []) visitLazy(dep);
const finderKey = Object.keys(manifest).find((k) => k.includes('station-finder') && k.endsWith('define.js'));
const finderStatic = new Set();
const visitFinder = (key) => {
  if (finderStatic.has(key) || initial.has(key)) return;
  finderStatic.add(key);
  for (const dep of manifest[key].imports ?? []) visitFinder(dep);
};
if (finderKey) visitFinder(finderKey);
const lazyJs = [...onDemand].reduce((sum, key) => sum + gz(manifest[key].file), 0);
const finderJs = [...finderStatic].reduce((sum, key) => sum + gz(manifest[key].file), 0);
const kb = (b) => Math.round((b / 1024) * 10) / 10;
console.log(`home screen initial JS: ${kb(initialJs)} kB gzipped (${initial.size} file(s); goal ${GOAL_KB} kB) ${initialJs <= GOAL_KB * 1024 ? 'OK' : 'OVER'}; CSS ${kb(initialCss)} kB`);
console.log(`station finder on tap: ${kb(finderJs)} kB gzipped; everything loaded on demand (map, opening hours, QR, cache): ${kb(lazyJs)} kB in ${onDemand.size} chunk(s)`);

// 2. Timings.
function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
let server;
let tmp;
let base = process.env.KIOSK_URL;
if (!base) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-bench-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.resolve(root, '../server/dist/main.js')], {
    cwd: tmp,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: path.join(tmp, 'kiosk.sqlite'), STATIC_DIR: dist, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' },
    stdio: 'ignore',
  });
  process.on('exit', () => server.exitCode === null && server.kill('SIGKILL'));
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/openapi.json`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > until || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const homeMs = [];
const finderMs = [];
try {
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    // A kiosk enrolled at the demo station (the server's documented demo credential).
    await context.addInitScript(() => localStorage.setItem('ck-kiosk-credential', 'ckd_demo-ningde-donghu.demo-secret'));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.querySelector('ck-kiosk-app')?.dataset.phase === 'ready', undefined, { timeout: 60_000, polling: 'raf' });
    // Interactive: the home screen is drawn from the site configuration and its tile takes a tap.
    const home = await page.evaluate(() => performance.getEntriesByName('ck-home-ready')[0].startTime);
    await page.locator('ck-home .tile').tap();
    await page.waitForFunction(
      () => document.querySelector('ck-kiosk-app')?.shadowRoot.querySelector('ck-station-finder')?.shadowRoot?.querySelector('.row'),
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    const finder = await page.evaluate(() => performance.now() - performance.getEntriesByName('ck-service-open')[0].startTime);
    // The first run warms the server's caches (stations, SQLite pages); it is not counted.
    if (i > 0) {
      homeMs.push(home);
      finderMs.push(finder);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server?.kill('SIGTERM');
  if (tmp) setTimeout(() => fs.rmSync(tmp, { recursive: true, force: true }), 500);
}
const round = (xs) => xs.map((x) => Math.round(x));
console.log(`CPU 4x slower: home interactive ${Math.round(median(homeMs))} ms median (runs: ${round(homeMs).join(', ')})`);
console.log(`CPU 4x slower: station-finder tile -> list ${Math.round(median(finderMs))} ms median (runs: ${round(finderMs).join(', ')})`);
const results = {
  initialJsGzipKb: kb(initialJs),
  initialCssGzipKb: kb(initialCss),
  goalKb: GOAL_KB,
  stationFinderOnTapGzipKb: kb(finderJs),
  onDemandGzipKb: kb(lazyJs),
  cpuThrottle: 4,
  runs: RUNS,
  homeInteractiveMs: Math.round(median(homeMs)),
  tileToListMs: Math.round(median(finderMs)),
  homeInteractiveRunsMs: round(homeMs),
  tileToListRunsMs: round(finderMs),
};
fs.writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
if (initialJs > GOAL_KB * 1024) process.exitCode = 1;
