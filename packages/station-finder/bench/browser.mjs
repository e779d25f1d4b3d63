// Headless Chromium: from <ck-station-finder> connected to its first list row,
// with 100,000 stations, on a page served under a strict CSP with Trusted Types
// (so the run also proves the list and the Leaflet map work there). Also
// reports the gzipped size of the package (lit and leaflet excluded).
//   node bench/browser.mjs [runs=9] [--baseline <git ref>]
// With --baseline, the same page is also built from that commit's src/ and the
// two are timed alternately in the same browser, so both see the same machine load.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { kb, measureBundle } from '../../../scripts/bundle-size.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '../../..');
const pkg = join(here, '..');
const repo = join(here, '../../..');
const require = createRequire(join(repo, 'package.json'));
const { chromium } = require('playwright-core');
const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? args.splice(baselineAt, 2)[1] : undefined;
const runs = Number(args[0] ?? 9);
const work = mkdtempSync(join(tmpdir(), 'ck-sf-bench-'));

const bundle = (entry, outdir) =>
  build({
    entryPoints: [entry],
    bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
    outdir, logLevel: 'error', tsconfig: join(repo, 'tsconfig.base.json'),
    // A baseline checked out under /tmp resolves its packages from this package.
    nodePaths: [join(pkg, 'node_modules')],
  });
const variants = [{ name: 'current', dir: join(work, 'current') }];
await bundle(join(here, 'page.ts'), variants[0].dir);
if (baseline) {
  const src = join(work, 'src-baseline');
  mkdirSync(src);
  const prefix = 'packages/station-finder/';
  const tar = execFileSync('git', ['-C', repo, 'archive', baseline, `${prefix}src`, `${prefix}bench/page.ts`]);
  execFileSync('tar', ['-x', '-C', src], { input: tar });
  variants.push({ name: `baseline (${baseline})`, dir: join(work, 'baseline') });
  await bundle(join(src, prefix, 'bench/page.ts'), variants[1].dir);
}

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((req, res) => {
  const [, variant, ...rest] = req.url.split('/');
  const dir = variants[Number(variant)]?.dir;
  const path = rest.join('/') ? join(dir ?? work, rest.join('/')) : null;
  try {
    if (!dir) throw new Error('no such variant');
    const body = path ? readFileSync(path) : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script><body></body></html>';
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
const times = variants.map(() => []);
const results = [];
for (let i = 0; i < runs; i++) {
  // Alternate which variant goes first, so neither always gets the quieter moment.
  const order = variants.map((_, v) => v);
  if (i % 2) order.reverse();
  for (const v of order) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/${v}/`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 30_000 });
    results[v] = await page.evaluate(() => window.benchResult);
    if (errors.length) throw new Error(errors.join('\n'));
    times[v].push(results[v].connectedToList);
    await page.close();
  }
}
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });

// Nearest-rank percentiles: with 9 runs, p95 is the slowest run.
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
console.log(`connected -> first list rendered, 100,000 stations (wheelchair filter), ${runs} runs each (target: median < 500 ms)`);
console.log('variant                | median (ms) | p95 (ms) | min (ms) | max (ms) | rows | map markers | CSP / Trusted Types violations');
for (const [v, variant] of variants.entries()) {
  const sorted = [...times[v]].sort((a, b) => a - b);
  const cell = (value, width) => value.toFixed(1).padStart(width);
  const last = results[v];
  console.log(
    `${variant.name.padEnd(22)} | ${cell(percentile(sorted, 50), 11)} | ${cell(percentile(sorted, 95), 8)} | ${cell(sorted[0], 8)} | ${cell(sorted.at(-1), 8)} | ${String(last.rows).padStart(4)} | ${String(last.markers).padStart(11)} | ${last.violations.length ? last.violations.join('; ') : 'none'}`,
  );
  console.log(`  runs: ${times[v].map((t) => t.toFixed(0)).join(', ')}`);
}

// Size: the package's define entry, lit and leaflet external; initial chunks vs loaded on demand.
const measure = (external) =>
  measureBundle({ imports: ['@civic-kiosk/station-finder/define.js'], resolveDir: root, external: ['leaflet', 'leaflet/*', ...external] });
const own = await measure(['@civic-kiosk/core', '@civic-kiosk/core/*', '@civic-kiosk/ui', '@civic-kiosk/ui/*', '@lit/localize']);
console.log(`size (gzip level 9, minified): ${kb(own.initialBytes)} kB initial for this package and its own dependencies (lit, leaflet, @lit/localize and the shared @civic-kiosk/core + ui excluded; budget 20 kB)`);
for (const chunk of own.lazy) {
  const names = chunk.inputs.map((p) => (p.includes('node_modules/') ? p.replace(/.*node_modules\//, '').split('/')[0] : p.split('/').at(-1))).filter((v, i, a) => a.indexOf(v) === i);
  console.log(`  + on demand: ${kb(chunk.bytes)} kB  (${names.slice(0, 5).join(', ')})`);
}
const all = await measure([]);
console.log(`with @civic-kiosk/core, the two ui elements and @lit/localize included: ${kb(all.initialBytes)} kB initial`);
