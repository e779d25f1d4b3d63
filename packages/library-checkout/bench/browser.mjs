// Headless Chromium: scan-to-item-shown latency of <ck-library-checkout> (bench/page.ts) under a strict
// CSP with Trusted Types, and the gzipped size of the package (lit, core and ui excluded).
//   node bench/browser.mjs [scans=50] [libraryDelayMs=0]
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
const scans = Number(process.argv[2] ?? 50);
const delay = Number(process.argv[3] ?? 0);
const work = mkdtempSync(join(tmpdir(), 'ck-lc-bench-'));

await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true, minify: true, format: 'esm', target: 'es2022', outdir: work, logLevel: 'error',
  tsconfig: join(repo, 'tsconfig.base.json'),
});

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = path === '/' ? null : join(work, path);
  try {
    const body = file ? readFileSync(file) : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script><body></body></html>';
    res.writeHead(200, { 'Content-Type': file && extname(file) === '.js' ? 'text/javascript' : 'text/html', 'Content-Security-Policy': csp });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && problems.push(m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/?n=${scans}&delay=${delay}`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 120_000 });
const result = await page.evaluate(() => window.benchResult);
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });
if (problems.length) throw new Error(problems.join('\n'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const line = (name, values) => console.log(`${name.padEnd(44)} | ${percentile(values, 50).toFixed(1).padStart(7)} | ${percentile(values, 95).toFixed(1).padStart(7)} | ${Math.max(...values).toFixed(1).padStart(7)}`);
console.log(`scan (Enter key) -> on screen, ${scans} scans in a row, in-memory library answering after ${delay} ms, 1080x1920, strict CSP + Trusted Types`);
console.log(`${'what'.padEnd(44)} | p50 ms  | p95 ms  | max ms`);
line('row shown ("checking…")', result.shown);
line('item shown (title, author, due date)', result.done);
console.log(`rows on screen at the end: ${result.rows}`);

const own = await measureBundle({
  imports: ['@civic-kiosk/library-checkout/define.js'],
  resolveDir: repo,
  external: ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*', '@civic-kiosk/core', '@civic-kiosk/core/*', '@civic-kiosk/ui', '@civic-kiosk/ui/*', '@lit/localize'],
});
console.log(`size (gzip, minified): ${kb(own.initialBytes)} kB initial for @civic-kiosk/library-checkout/define.js (lit, @lit/localize, core and ui excluded; budget 20 kB)`);
