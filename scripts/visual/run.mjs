// The visual and interaction test of every story, over the BUILT Storybook
// (run `pnpm storybook` first). For each story (and, for services and kiosk
// screens, each pictured language and theme) it checks that the story
// renders without an exception, a console error or a failed request, that its
// play function passes, that axe finds nothing, and that the picture of the
// story's element matches its baseline in visual/baseline/.
//
//   node scripts/visual/run.mjs            compare; a difference writes <name>.new.png and <name>.diff.png
//   node scripts/visual/run.mjs --update   accept: the new pictures become the baseline
//   node scripts/visual/run.mjs --grep finder   only the stories whose name contains "finder"
//
// Writes { passed, failed, skipped } to visual/test-results.json for the test command's count.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { compare, compress } from './compare.mjs';
import { recordStoryEvents, remount, settle, storyBox } from './page.mjs';
import { serveStatic } from './static-server.mjs';
import { plannedShots, storyUrl } from './stories.mjs';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const staticDir = join(root, 'storybook-static');
const baselineDir = join(root, 'visual', 'baseline');
const resultFile = join(root, 'visual', 'test-results.json');

const args = process.argv.slice(2);
const update = args.includes('--update');
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
// Pages mostly wait (on a map, a font, a play function): four at a time keep two cores busy.
const workers = Math.max(1, Number(process.env.VISUAL_WORKERS ?? 4));
const port = Number(process.env.VISUAL_PORT ?? 0);
/** The fixed clock of every story page: Tuesday 6 May 2025, 10:30 in China (the stories' own `now`). */
const FIXED_TIME = new Date('2025-05-06T10:30:00+08:00');
const STORY_TIMEOUT_MS = 30_000;
/** VISUAL_REMOUNT=1: picture each story's second render (every lazy module already loaded). */
const REMOUNT = process.env.VISUAL_REMOUNT === '1';
/**
 * Hidden in every picture (Playwright applies this style through shadow roots
 * while it takes the picture): a Leaflet map's pins and tiles and the finder's
 * scale. The finder fits its map to the first layout it sees, and which layout
 * that is depends on which lazy module or IndexedDB read finishes first, so
 * the pins' place and the zoom move between runs. The map's frame, controls
 * and note stay in the picture; the interaction tests check the pins.
 */
const HIDDEN = '.leaflet-tile-pane, .leaflet-marker-pane, .leaflet-overlay-pane, .leaflet-shadow-pane, [part~="map"] .scale { opacity: 0 !important; }';

const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
  // The same pixels on every machine: no LCD sub-pixel text, sRGB.
  '--disable-lcd-text', '--force-color-profile=srgb', '--font-render-hinting=none', '--hide-scrollbars',
];

if (!existsSync(join(staticDir, 'index.json'))) {
  console.error('visual: storybook-static/index.json is missing: run `pnpm storybook` first.');
  process.exit(1);
}
const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'));
const shots = plannedShots(index).filter((shot) => !grep || shot.name.includes(grep));
mkdirSync(baselineDir, { recursive: true });
// Pictures of an earlier failed run are stale now.
for (const file of readdirSync(baselineDir)) {
  if (/\.(new|diff)\.png$/.test(file) && (!grep || file.includes(grep))) rmSync(join(baselineDir, file));
}

const results = [];
const record = (name, error) => {
  results.push({ name, error });
  console.log(`${error ? '✗' : '✓'} ${name}${error ? `\n    ${error.replaceAll('\n', '\n    ')}` : ''}`);
};

const started = Date.now();
const server = await serveStatic(staticDir, port);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: chromiumArgs });
try {
  const queue = [...shots];
  await Promise.all(
    Array.from({ length: Math.min(workers, queue.length) }, async () => {
      for (let shot = queue.shift(); shot; shot = queue.shift()) await checkShot(browser, shot);
    }),
  );
} finally {
  await browser.close();
  await server.close();
}

checkOrphans();

const failed = results.filter((r) => r.error).length;
const passed = results.length - failed;
mkdirSync(join(root, 'visual'), { recursive: true });
writeFileSync(resultFile, JSON.stringify({ passed, failed, skipped: 0 }) + '\n');
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nvisual: ${shots.length} pictures, ${passed} checks passed, ${failed} failed (${seconds} s)${update ? ', baseline updated' : ''}`);
if (failed && !update) {
  console.log('Review the .new.png and .diff.png files next to the baselines in visual/baseline/; accept with `pnpm test:visual:update`.');
}
process.exit(failed ? 1 : 0);

/** Renders one story in one variant and runs its checks. */
async function checkShot(browser, shot) {
  const label = `${shot.title}${shot.variant.suffix ? ` [${shot.variant.locale}, ${shot.variant.theme}]` : ''}`;
  // A fresh profile per story: no IndexedDB, storage or cache left by the story before.
  const context = await browser.newContext({
    viewport: shot.viewport,
    reducedMotion: 'reduce',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  await context.clock.setFixedTime(FIXED_TIME);
  await context.addInitScript(recordStoryEvents);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`request failed: ${response.url()} (HTTP ${response.status()})`);
  });
  let state;
  let picture;
  try {
    await page.goto(storyUrl(server.url, shot));
    const finished = () => window.__ckVisual?.phase === 'finished' || window.__ckVisual?.errors.length > 0;
    await page.waitForFunction(finished, undefined, { timeout: STORY_TIMEOUT_MS });
    await page.evaluate(settle);
    if (REMOUNT && !(await page.evaluate(() => window.__ckVisual.errors.length))) {
      await page.evaluate(remount, shot.id);
      await page.waitForFunction(finished, undefined, { timeout: STORY_TIMEOUT_MS });
      await page.evaluate(settle);
    }
    state = await page.evaluate(() => window.__ckVisual);
    picture = await stablePicture(page);
  } catch (error) {
    problems.push(`did not finish: ${error.message.split('\n')[0]}`);
  }

  const storyErrors = state?.errors ?? [];
  const isPlay = (e) => e.startsWith('play') || e.startsWith('unhandled');
  // The story itself: it rendered, logged no error and asked for nothing that failed.
  record(`${label}: renders cleanly`, [...storyErrors.filter((e) => !shot.play || !isPlay(e)), ...problems].join('\n') || undefined);
  if (shot.play) record(`${label}: play function`, storyErrors.filter(isPlay).join('\n') || (state ? undefined : 'did not run'));
  record(`${label}: axe`, axeProblems(state));
  record(`${label}: matches baseline`, picture ? comparePicture(shot.name, picture) : 'no picture taken');
  await context.close();
}

/** Axe as the a11y addon ran it on the story (preview parameter `a11y.test: 'error'`). */
function axeProblems(state) {
  if (!state) return 'story did not finish';
  const report = state.reports.find((r) => r.type === 'a11y');
  if (!report) return 'no axe result';
  if (report.result?.error) return `axe failed to run: ${report.result.error.message ?? report.result.error}`;
  const violations = report.result?.violations ?? [];
  if (!violations.length) return undefined;
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n      ')}`)
    .join('\n');
}

/** Screenshots the story's element until two pictures in a row are the same (a map or chart may still be drawing). */
async function stablePicture(page) {
  let previous;
  // A busy machine may take a while to finish a map or a list: up to 20 s.
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const box = await page.evaluate(storyBox);
    if (!box) throw new Error('the story rendered nothing visible');
    const viewport = page.viewportSize();
    const picture = await page.screenshot({
      clip: box,
      // Only when the story is larger than the window: a full-page picture resizes the window
      // while it is taken, which makes a whole kiosk screen lay itself out again.
      fullPage: box.y + box.height > viewport.height || box.x + box.width > viewport.width,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      style: HIDDEN,
    });
    if (previous && previous.equals(picture)) return picture;
    previous = picture;
    await page.waitForTimeout(200);
  }
  throw new Error('the picture kept changing');
}

function comparePicture(name, picture) {
  const file = join(baselineDir, `${name}.png`);
  if (update) {
    if (existsSync(file) && compare(readFileSync(file), picture).equal) return undefined;
    writeFileSync(file, compress(picture));
    return undefined;
  }
  if (!existsSync(file)) {
    writeFileSync(join(baselineDir, `${name}.new.png`), compress(picture));
    return `no baseline yet: review visual/baseline/${name}.new.png and accept it with \`pnpm test:visual:update\``;
  }
  const result = compare(readFileSync(file), picture);
  if (result.equal) return undefined;
  writeFileSync(join(baselineDir, `${name}.new.png`), compress(picture));
  writeFileSync(join(baselineDir, `${name}.diff.png`), result.diff);
  return result.sizeChanged
    ? `size changed: see visual/baseline/${name}.new.png and ${name}.diff.png`
    : `${result.diffPixels} pixels differ: see visual/baseline/${name}.new.png and ${name}.diff.png`;
}

/** A baseline whose story is gone fails the run (and is deleted by --update), so the set never goes stale. */
function checkOrphans() {
  if (grep) return;
  const expected = new Set(shots.map((shot) => `${shot.name}.png`));
  for (const file of readdirSync(baselineDir)) {
    if (!file.endsWith('.png') || /\.(new|diff)\.png$/.test(file) || expected.has(file)) continue;
    if (update) rmSync(join(baselineDir, file));
    else record(`baseline ${file}`, 'no story has this picture any more: delete it or run `pnpm test:visual:update`');
  }
}
