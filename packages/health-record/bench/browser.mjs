// Headless Chromium, CPU throttled 4x: time from <ck-health-record> connected to its summary and to its
// trends chart, for a record of 5 years of weekly readings (~800 resources) read over paged Bundles.
//   node bench/browser.mjs [runs=7]
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const repo = join(here, '../../..');
const require = createRequire(join(repo, 'package.json'));
const { chromium } = require('playwright-core');
const runs = Number(process.argv[2] ?? 7);
const work = mkdtempSync(join(tmpdir(), 'ck-hr-bench-'));
await build({ entryPoints: [join(here, 'page.ts')], bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022', outdir: work, logLevel: 'error', tsconfig: join(repo, 'tsconfig.base.json') });

const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = req.url === '/' ? null : join(work, req.url.split('?')[0]);
  try {
    const body = path ? readFileSync(path) : '<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title><script type="module" src="/page.js"></script><body></body></html>';
    res.writeHead(200, { 'Content-Type': types[path ? extname(path) : '.html'] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => typeof window.benchRun === 'function');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const results = [];
  for (let i = 0; i < runs + 1; i += 1) {
    await page.evaluate(() => window.benchRun());
    const r = await page.evaluate(() => window.benchResult);
    if (i > 0) results.push(r); // the first run loads chart.js: reported apart
    else console.log(`first run (chart.js loaded on demand): summary ${Math.round(r.toSummary)} ms, chart ${Math.round(r.toChart)} ms`);
  }
  const r0 = results[0];
  console.log(`${r0.resources} resources over ${r0.requests} requests (50 a page, 20 ms each), CPU 4x slower, ${runs} runs:`);
  console.log(`  to the summary: ${Math.round(median(results.map((r) => r.toSummary)))} ms median (${results.map((r) => Math.round(r.toSummary)).join(', ')})`);
  console.log(`  to the trends chart: ${Math.round(median(results.map((r) => r.toChart)))} ms median (${results.map((r) => Math.round(r.toChart)).join(', ')})`);
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
