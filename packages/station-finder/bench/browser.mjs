// Headless Chromium: from <ck-station-finder> connected to its first list row,
// with 100,000 stations, on a page served under a strict CSP with Trusted Types
// (so the run also proves the list and the Leaflet map work there). Also
// reports the gzipped size of the package (lit and leaflet excluded).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(join(here, '../../../package.json'));
const { chromium } = require('playwright-core');
const outdir = mkdtempSync(join(tmpdir(), 'ck-sf-bench-'));
const runs = Number(process.argv[2] ?? 5);

await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
  outdir, logLevel: 'error', tsconfig: join(here, '../../../tsconfig.base.json'),
});
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = req.url === '/' ? null : join(outdir, req.url.slice(1));
  try {
    const body = path ? readFileSync(path) : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><script type="module" src="/page.js"></script><body></body></html>';
    res.writeHead(200, { 'Content-Type': types[path ? extname(path) : '.html'] ?? 'application/octet-stream', 'Content-Security-Policy': csp });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
let last;
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 30_000 });
  last = await page.evaluate(() => window.benchResult);
  if (errors.length) throw new Error(errors.join('\n'));
  times.push(last.connectedToList);
  await page.close();
}
await browser.close();
server.close();
rmSync(outdir, { recursive: true, force: true });
times.sort((a, b) => a - b);
console.log(`connected -> first list rendered, 100,000 stations (wheelchair filter), ${runs} runs: median ${times[Math.floor(runs / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)} (target < 500 ms)`);
console.log(`rows ${last.rows}, map markers ${last.markers}, CSP/Trusted Types violations: ${last.violations.length ? last.violations.join('; ') : 'none'}`);

// Size: the package's define entry, minified, lit and leaflet external; initial chunks vs loaded on demand.
const sizeDir = mkdtempSync(join(tmpdir(), 'ck-sf-size-'));
const kb = (bytes) => (bytes / 1024).toFixed(1);
const measure = async (external) => {
const result = await build({
  entryPoints: [join(here, '../dist/define.js')],
  bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022', outdir: sizeDir, metafile: true, logLevel: 'error',
  external: ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*', 'leaflet', 'leaflet/*', ...external],
});
const outputs = result.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint);
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const dep of outputs[file].imports) if (dep.kind === 'import-statement' && !dep.external) visit(dep.path);
};
visit(entry);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const initialBytes = [...initial].reduce((sum, file) => sum + gz(file), 0);
const lazy = Object.keys(outputs).filter((file) => !initial.has(file) && file.endsWith('.js'));
return { initialBytes, lazy: lazy.map((file) => ({ file, bytes: gz(file), inputs: Object.keys(outputs[file].inputs) })) };
};
const own = await measure(['@civic-kiosk/core', '@civic-kiosk/core/*', '@civic-kiosk/ui', '@civic-kiosk/ui/*', '@lit/localize']);
console.log(`size (gzip level 9, minified): ${kb(own.initialBytes)} kB initial for this package and its own dependencies (lit, leaflet, @lit/localize and the shared @civic-kiosk/core + ui excluded; budget 20 kB)`);
for (const chunk of own.lazy) {
  const names = chunk.inputs.map((p) => (p.includes('node_modules/') ? p.replace(/.*node_modules\//, '').split('/')[0] : p.split('/').at(-1))).filter((v, i, a) => a.indexOf(v) === i);
  console.log(`  + on demand: ${kb(chunk.bytes)} kB  (${names.slice(0, 5).join(', ')})`);
}
const all = await measure([]);
console.log(`with @civic-kiosk/core, the two ui elements and @lit/localize included: ${kb(all.initialBytes)} kB initial`);
rmSync(sizeDir, { recursive: true, force: true });
