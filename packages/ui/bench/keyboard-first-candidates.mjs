// Headless Chromium: time from the first pinyin key tapped on <ck-keyboard> to
// the first candidates shown. That first key downloads and parses the pinyin
// dictionary (a chunk of its own), so this is the dictionary's cost to a
// visitor; later keys only look up. Measured on a page served under a strict
// CSP with Trusted Types, with no CPU throttling and with 4x throttling (a slow
// kiosk PC). Also prints the gzipped sizes: the keyboard entry (lit and core
// excluded) and the dictionary chunk.
//   node bench/keyboard-first-candidates.mjs [runs=5]
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
const runs = Number(process.argv[2] ?? 5);
const work = mkdtempSync(join(tmpdir(), 'ck-keyboard-bench-'));

// The page: one keyboard; window.firstCandidates() taps "n" and resolves with the milliseconds until a candidate is drawn.
const page = `
import '${join(here, '../src/keyboard.ts')}';
const keyboard = document.createElement('ck-keyboard');
document.body.append(keyboard);
window.firstCandidates = async () => {
  await keyboard.updateComplete;
  const key = [...keyboard.shadowRoot.querySelectorAll('[part~="keys"] button')].find((b) => b.textContent.trim() === 'n');
  const start = performance.now();
  key.click();
  return new Promise((resolve) => {
    const check = () => keyboard.shadowRoot.querySelector('[part~="candidate"]') ? resolve(performance.now() - start) : requestAnimationFrame(check);
    check();
  });
};
window.ready = true;
`;
await build({
  stdin: { contents: page, resolveDir: here, loader: 'js' },
  bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
  outdir: work, entryNames: 'page', logLevel: 'error', tsconfig: join(repo, 'tsconfig.base.json'),
});

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const server = createServer((req, res) => {
  const path = req.url === '/' ? null : join(work, req.url.slice(1));
  try {
    const body = path ? readFileSync(path) : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script><body></body></html>';
    res.writeHead(200, { 'Content-Type': path && extname(path) === '.js' ? 'text/javascript' : 'text/html', 'Content-Security-Policy': csp });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  for (const throttle of [1, 4]) {
    const times = [];
    for (let run = 0; run < runs; run++) {
      // A new context each run: nothing cached, the dictionary is downloaded and parsed again.
      const context = await browser.newContext();
      const tab = await context.newPage();
      const errors = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      await tab.goto(url);
      await tab.waitForFunction(() => window.ready === true);
      times.push(await tab.evaluate(() => window.firstCandidates()));
      if (errors.length) throw new Error(errors.join('\n'));
      await context.close();
    }
    console.log(`first candidates after the first pinyin key (dictionary load), CPU ${throttle}x: median ${median(times).toFixed(0)} ms over ${runs} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

const external = ['@civic-kiosk/core', '@lit/localize', '@lit/task', '@lit/context'];
const { initialBytes, lazy } = await measureBundle({ imports: ['@civic-kiosk/ui/keyboard.js'], resolveDir: repo, external });
const dictionary = lazy.find((chunk) => chunk.inputs.some((input) => input.includes('pinyin-dictionary')));
console.log(`ck-keyboard: ${kb(initialBytes)} kB gzipped (lit, core and @lit/* excluded); pinyin dictionary chunk ${kb(dictionary?.bytes ?? 0)} kB gzipped, loaded on demand`);
