// Memory over a long day (pnpm bench:soak, after the build): one kiosk page, never reloaded, at the
// village hall (all four services), CYCLES visitor journeys (default 500), each:
//   station finder: the list (none within 5 km of the hall: its notice), then the "accessible toilet" filter
//   parking board: the problem, then the vote list and the open proposal
//   health record: card XK0001 + PIN 123456 on the keypad, the summary, Home
//   library: card LIB00001 scanned + PIN 123456, the borrow screen — and the visitor walks away:
//   the kiosk's own idle reset (?idle=2&warn=1: "still there?" after 1 s, reset after 2 s) wipes it.
// The journey is driven inside the page (synthetic touches: pointerdown reaches the idle watcher,
// then click), so a cycle takes about as long as the kiosk does, plus the 2 s of idle.
// After a forced GC (CDP HeapProfiler.collectGarbage, 3x) at cycle 0, every 50 cycles and the last:
// JS heap (Runtime.getHeapUsage), DOM nodes / listeners / documents (Memory.getDOMCounters), and at
// the first sample point (cycle 50) and the last a heap snapshot: its detached DOM nodes by name.
// Goal (issue 14): heap growth 50 -> 500 under 1 MB, zero detached nodes.
// Env: CYCLES (500), SOAK_EVERY (50), KIOSK_URL (a running server instead of a fresh one).
import fs from 'node:fs';
import path from 'node:path';
import { HALL_SITE, kioskContext, launch, root, startServer } from './server.mjs';

const CYCLES = Number(process.env.CYCLES ?? 500);
const EVERY = Number(process.env.SOAK_EVERY ?? 50);
// The first sample point: cycle 50 of 500; a quick run (CYCLES=20) compares cycle 4 with its last.
const FIRST = CYCLES >= 2 * EVERY ? EVERY : Math.max(1, Math.floor(CYCLES / 5));
const GOAL_BYTES = 1024 * 1024;

/** Runs in the page: the driver of one journey. Holds nothing between calls (it would show as a leak). */
function installDriver() {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const app = () => document.querySelector('ck-kiosk-app');
  const inApp = (sel) => app()?.shadowRoot?.querySelector(sel);
  const deep = (host, sel) => host?.shadowRoot?.querySelector(sel) ?? null;
  /**
   * Waits for `check`. The visitor is still there while a screen loads (the idle timeout is only 2 s
   * here), so unless `away`, a touch reaches the idle watcher every 400 ms — on window itself, so no
   * element takes it for a tap.
   */
  async function until(check, what, ms = 20_000, away = false) {
    const end = performance.now() + ms;
    let touched = performance.now();
    for (;;) {
      const value = check();
      if (value) return value;
      if (performance.now() > end) throw new Error(`soak: waited ${ms} ms for ${what} (view ${app()?.dataset.view})`);
      if (!away && performance.now() - touched > 400) {
        window.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', isPrimary: true }));
        touched = performance.now();
      }
      await sleep(10);
    }
  }
  /** A touch as the kiosk sees it: pointerdown (the idle watcher resets) and the click. */
  function tap(el, what) {
    if (!el) throw new Error(`soak: nothing to tap for ${what}`);
    const init = { bubbles: true, composed: true, cancelable: true, pointerType: 'touch', isPrimary: true };
    el.dispatchEvent(new PointerEvent('pointerdown', init));
    el.dispatchEvent(new PointerEvent('pointerup', init));
    el.click();
  }
  async function open(id) {
    tap(deep(inApp('ck-home'), `.tile[data-service="${id}"]`), `the ${id} tile`);
    await until(() => app().dataset.view === id, `${id} open`);
  }
  async function home() {
    tap(inApp('.home-button'), 'Home');
    await until(() => app().dataset.view === 'home', 'home');
  }
  /** `host`: a getter, as the service's element is drawn only once its code has loaded. */
  async function keypad(host, digits) {
    const pad = await until(() => deep(host(), 'ck-keypad')?.shadowRoot?.querySelector('button.digit') && deep(host(), 'ck-keypad'), 'the keypad');
    for (const d of digits) tap([...pad.shadowRoot.querySelectorAll('button.digit')].find((b) => b.textContent.trim() === d), `digit ${d}`);
    tap(pad.shadowRoot.querySelector('[part~="submit"]'), 'OK');
  }
  /** A USB scanner: keys 4 ms apart then Enter (as test/library.e2e.mjs). */
  function scan(code) {
    const start = performance.now();
    [...code, 'Enter'].forEach((key, i) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
      (document.activeElement ?? document.body).dispatchEvent(event);
    });
  }

  window.__ckSoakCycle = async () => {
    const t0 = performance.now();
    const marks = {};
    const mark = (name) => (marks[name] = Math.round(performance.now() - t0));

    await open('stations');
    const finder = () => inApp('ck-station-finder');
    // The village hall has no station within the finder's 5 km: its list is the "none within" notice.
    await until(() => deep(finder(), '.row, [part="empty"]'), 'the station list');
    tap(deep(finder(), 'button[data-filter="wheelchair"]'), 'the accessible-toilet filter');
    await until(() => deep(finder(), 'button[data-filter="wheelchair"][aria-pressed="true"]') && deep(finder(), '.row, [part="empty"]'), 'the filtered list');
    await home();
    mark('stations');

    await open('deliberation');
    const board = () => inApp('ck-parking-board');
    await until(() => deep(board(), '.fact'), 'the parking problem');
    tap(deep(board(), '[data-view="vote"]'), 'the vote list');
    tap(await until(() => deep(board(), '[data-motion]'), 'a proposal'), 'a proposal');
    await until(() => deep(board(), '.motion[data-status]'), 'the proposal');
    await home();
    mark('parking');

    await open('health');
    const record = () => inApp('ck-health-record');
    await keypad(record, '0001');
    await until(() => deep(record(), '.masked'), 'the PIN step');
    await keypad(record, '123456');
    await until(() => deep(record(), '[part="summary"]') && !deep(record(), 'ck-status-banner[state="loading"]'), 'the health summary');
    await home();
    mark('health');

    await open('library');
    const library = () => inApp('ck-library-checkout');
    await until(() => library()?.screen === 'start' && deep(library(), '.scan-hint'), 'the library start screen');
    scan('LIB00001');
    await until(() => library()?.screen === 'pin', 'the library PIN step');
    await keypad(library, '123456');
    await until(() => library()?.screen === 'borrow', 'the borrow screen');
    mark('library');

    // The visitor walks away: no touch until the kiosk has reset itself.
    await until(() => app().dataset.view === 'home' && !inApp('ck-library-checkout') && app().idleState === 'idle', 'the idle reset', 15_000, true);
    await until(() => !inApp('ck-dialog')?.open, 'the warning closed', 5000, true);
    mark('idle');
    return marks;
  };
}

/** The page's memory after a forced GC. */
async function sample(cdp, cycle, snapshot) {
  // The snapshot is kept (SOAK_SNAPSHOTS=dir) for finding what holds a detached node (DevTools > Memory > Load).
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  // usedSize: V8's JS heap; embedderHeapUsedSize (newer Chromium): Blink's own objects, DevTools' network log among them.
  const out = { cycle, heapUsedBytes: heap.usedSize, heapTotalBytes: heap.totalSize, embedderHeapUsedBytes: heap.embedderHeapUsedSize, jsHeapUsedSize: metric.JSHeapUsedSize, nodes: dom.nodes, documents: dom.documents, jsEventListeners: dom.jsEventListeners };
  if (snapshot) Object.assign(out, await detachedNodes(cdp, cycle));
  return out;
}

/** Detached DOM nodes in a heap snapshot (Chromium marks them: detachedness 2, names "Detached <tag>"), by name. */
async function detachedNodes(cdp, cycle) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const text = chunks.join('');
  if (process.env.SOAK_SNAPSHOTS) {
    fs.mkdirSync(process.env.SOAK_SNAPSHOTS, { recursive: true });
    fs.writeFileSync(path.join(process.env.SOAK_SNAPSHOTS, `kiosk-cycle-${cycle}.heapsnapshot`), text);
  }
  const snap = JSON.parse(text);
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const nameAt = fields.indexOf('name');
  const detachedAt = fields.indexOf('detachedness');
  const byName = {};
  let count = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const name = snap.strings[snap.nodes[i + nameAt]];
    const detached = detachedAt >= 0 ? snap.nodes[i + detachedAt] === 2 : name.startsWith('Detached ');
    if (!detached) continue;
    count += 1;
    const key = name.replace(/^Detached /, '');
    byName[key] = (byName[key] ?? 0) + 1;
  }
  const top = Object.fromEntries(Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 15));
  // CDP's own list of detached nodes (Chromium 120+), when it answers: how many, and how many nodes they keep.
  // Lit keeps one <template> per distinct template, and its content (an inert document of its own,
  // which Chromium counts as detached too): a cache bounded by the code, not a leak. A detached node
  // that belongs to the page's own document is a leak: an element the page removed and still holds.
  let templates = 0;
  let leaked;
  try {
    const { detachedNodes } = await cdp.send('DOM.getDetachedDomNodes');
    const others = [];
    for (const d of detachedNodes) {
      if (d.treeNode.nodeName === 'TEMPLATE') {
        templates += 1;
        continue;
      }
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: d.treeNode.backendNodeId, objectGroup: 'soak' });
      const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { return this.ownerDocument === document; }', returnByValue: true });
      if (result.value) others.push(d);
      else templates += 1;
    }
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'soak' });
    leaked = {
      roots: others.length,
      nodes: others.reduce((n, d) => n + Math.max(1, d.retainedNodeIds?.length ?? 0), 0),
      first: others.slice(0, 8).map((d) => `${d.treeNode.nodeName.toLowerCase()}${d.treeNode.attributes?.length ? `[${d.treeNode.attributes.slice(0, 6).join(' ')}]` : ''}`),
    };
  } catch (error) {
    leaked = { error: error.message.slice(0, 120) };
  }
  return { detachedNodes: leaked.nodes, detachedRoots: leaked, litTemplates: templates, snapshotDetached: count, snapshotDetachedByName: top };
}

const started = Date.now();
const server = await startServer();
const browser = await launch();
const samples = [];
const cycleMs = [];
let failure;
try {
  const context = await kioskContext(browser, HALL_SITE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}/?idle=2&warn=1&heartbeat=3600&attract=3600`);
  await page.waitForFunction(() => document.querySelector('ck-kiosk-app')?.dataset.phase === 'ready' && document.querySelector('ck-kiosk-app').dataset.view === 'home', undefined, { timeout: 60_000 });
  await page.evaluate(installDriver);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await cdp.send('DOM.enable').catch(() => undefined);

  const print = (s) =>
    console.log(
      `cycle ${String(s.cycle).padStart(4)}: heap ${(s.heapUsedBytes / 1048576).toFixed(2)} MB, DOM nodes ${s.nodes}, listeners ${s.jsEventListeners}, documents ${s.documents}` +
        (s.litTemplates === undefined && s.detachedRoots === undefined
          ? ''
          : `, detached nodes ${s.detachedNodes} (${JSON.stringify(s.detachedRoots)}) of the page's document, besides ${s.litTemplates} roots of Lit's template cache; heap snapshot: ${s.snapshotDetached} detached ${JSON.stringify(s.snapshotDetachedByName)}`),
    );
  samples.push(await sample(cdp, 0, true));
  print(samples.at(-1));
  for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
    const t = Date.now();
    try {
      await page.evaluate(() => window.__ckSoakCycle());
    } catch (error) {
      failure = `cycle ${cycle}: ${error.message.split('\n')[0]}`;
      await page.screenshot({ path: path.join(root, 'soak-failure.png') }).catch(() => undefined);
      throw error;
    }
    cycleMs.push(Date.now() - t);
    if (cycle % EVERY === 0 || cycle === CYCLES || cycle === FIRST) {
      samples.push(await sample(cdp, cycle, cycle === FIRST || cycle === CYCLES));
      print(samples.at(-1));
      console.log(`  (median cycle ${cycleMs.slice(-EVERY).sort((a, b) => a - b)[Math.floor(Math.min(EVERY, cycleMs.length) / 2)]} ms, ${Math.round((Date.now() - started) / 1000)} s so far)`);
    }
  }
  if (errors.length) console.log(`page errors: ${errors.slice(0, 5).join(' | ')}`);
} catch (error) {
  failure ??= error.message.split('\n')[0];
  console.error(error);
} finally {
  await browser.close();
  await server.stop();
}

const first = samples.find((s) => s.cycle === FIRST);
const last = samples.at(-1);
const growth = first && last && last.cycle !== first.cycle ? last.heapUsedBytes - first.heapUsedBytes : undefined;
const sortedMs = [...cycleMs].sort((a, b) => a - b);
const result = {
  cycles: cycleMs.length,
  cyclesAsked: CYCLES,
  failure,
  minutes: Math.round((Date.now() - started) / 6000) / 10,
  cycleMedianMs: sortedMs[Math.floor(sortedMs.length / 2)],
  cycleMaxMs: sortedMs.at(-1),
  heapGrowthBytes: growth,
  nodesGrowth: first && last ? last.nodes - first.nodes : undefined,
  listenersGrowth: first && last ? last.jsEventListeners - first.jsEventListeners : undefined,
  goal: { heapGrowthBytesUnder: GOAL_BYTES, detachedNodes: 0 },
  samples,
};
console.log(
  `\n${result.cycles} cycles in ${result.minutes} min (median ${result.cycleMedianMs} ms a cycle): heap ${first ? (first.heapUsedBytes / 1048576).toFixed(2) : '?'} MB at cycle ${FIRST} -> ${(last.heapUsedBytes / 1048576).toFixed(2)} MB at cycle ${last.cycle}` +
    ` (growth ${growth === undefined ? '?' : `${(growth / 1024).toFixed(0)} kB`}; goal < 1024 kB ${growth !== undefined && growth < GOAL_BYTES ? 'OK' : 'NOT MET'}),` +
    ` DOM nodes ${first?.nodes} -> ${last.nodes}, listeners ${first?.jsEventListeners} -> ${last.jsEventListeners}, detached nodes ${first?.detachedNodes} -> ${last.detachedNodes} (goal 0 ${last.detachedNodes === 0 ? 'OK' : 'NOT MET'})`,
);
// One results file for all kiosk benchmarks (ignored by git): this one's figures under "soak".
const file = path.join(root, 'bench-results.json');
const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
fs.writeFileSync(file, `${JSON.stringify({ ...all, soak: result }, null, 2)}\n`);
if (failure || growth === undefined || growth >= GOAL_BYTES || last.detachedNodes !== 0) process.exitCode = 1;
