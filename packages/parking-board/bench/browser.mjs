// Headless Chromium, under a strict CSP with Trusted Types:
//   1. first render of <ck-parking-board> with 200 proposals (2,000 comments counted on them), and opening a
//      proposal with all 2,000 comments;
//   2. tap on "confirm" -> receipt shown, with the CPU throttled 4x (CDP Emulation.setCPUThrottlingRate);
//   3. the gzipped size of the package (lit, chart.js, @civic-kiosk/core and ui, @lit/localize excluded).
//   node bench/browser.mjs [runs=7]
// The data is in memory (no network): these are the element's own times.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { kb, measureBundle } from '../../../scripts/bundle-size.mjs';

const here = new URL('.', import.meta.url).pathname;
const repo = join(here, '../../..');
const require = createRequire(join(repo, 'package.json'));
const { chromium } = require('playwright-core');
const runs = Number(process.argv[2] ?? 7);
const work = mkdtempSync(join(tmpdir(), 'ck-pb-bench-'));

await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
  outdir: work, logLevel: 'error', tsconfig: join(repo, 'tsconfig.base.json'),
});

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname.slice(1);
  try {
    const body = path ? readFileSync(join(work, path)) : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script><body></body></html>';
    res.writeHead(200, { 'Content-Type': types[path ? extname(path) : '.html'] ?? 'application/octet-stream', 'Content-Security-Policy': csp });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = { firstRender: [], openComments: [], confirmToReceipt: [] };
let violations = [];
for (let i = 0; i < runs; i++) {
  for (const run of ['render', 'vote']) {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/?run=${run}`);
    if (run === 'render') {
      await page.waitForFunction(() => window.benchResult, null, { timeout: 60_000 });
      const result = await page.evaluate(() => window.benchResult);
      times.firstRender.push(result.firstRender);
      times.openComments.push(result.openComments);
      violations = violations.concat(result.violations);
    } else {
      await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      times.confirmToReceipt.push(await page.evaluate(() => window.benchConfirm()));
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    if (errors.length) throw new Error(errors.join('\n'));
    await page.close();
  }
}
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
console.log(`headless Chromium, 1080x1920, strict CSP + Trusted Types, ${runs} runs each`);
console.log('measure                                              | median (ms) | p95 (ms) | min (ms) | max (ms)');
for (const [name, label] of [
  ['firstRender', 'first render: 200 proposals, 2,000 comments counted'],
  ['openComments', 'open one proposal with 2,000 comments'],
  ['confirmToReceipt', 'tap "confirm" -> receipt shown, CPU throttled 4x'],
]) {
  const sorted = [...times[name]].sort((a, b) => a - b);
  const cell = (value, width) => value.toFixed(1).padStart(width);
  console.log(`${label.padEnd(52)} | ${cell(percentile(sorted, 50), 11)} | ${cell(percentile(sorted, 95), 8)} | ${cell(sorted[0], 8)} | ${cell(sorted.at(-1), 8)}`);
}
console.log(`CSP / Trusted Types violations: ${violations.length ? violations.join('; ') : 'none'}`);

const own = await measureBundle({
  imports: ['@civic-kiosk/parking-board/define.js'],
  resolveDir: repo,
  external: ['chart.js', 'chart.js/*', '@civic-kiosk/core', '@civic-kiosk/core/*', '@civic-kiosk/ui', '@civic-kiosk/ui/*', '@lit/localize'],
});
console.log(`size (gzip level 9, minified): ${kb(own.initialBytes)} kB initial for this package and its own dependencies (lit, chart.js, @lit/localize and the shared @civic-kiosk/core + ui excluded; budget 20 kB)`);
for (const chunk of own.lazy) console.log(`  + on demand: ${kb(chunk.bytes)} kB (${chunk.inputs.map((p) => p.split('/').at(-1)).join(', ')})`);
