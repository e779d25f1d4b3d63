// Shared by the kiosk benchmarks: the real data server on a fresh SQLite file serving the built app
// (or KIOSK_URL, a server already running), Chromium with the project's flags, the demo credentials.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'dist');
export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The server's documented demo credentials (accepted outside production): a kiosk already enrolled at the site. */
export const credentialOf = (site) => `ckd_demo-${site}.demo-secret`;
/** The city station (the station finder only) and the village hall (all four services). */
export const STATION_SITE = 'ningde-donghu';
export const HALL_SITE = 'xikou-hall';

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the server unless KIOSK_URL names one; answers { base, stop }. */
export async function startServer({ port } = {}) {
  if (process.env.KIOSK_URL) return { base: process.env.KIOSK_URL.replace(/\/+$/, ''), stop: async () => {} };
  for (const file of [path.resolve(root, '../server/dist/main.js'), path.join(dist, 'index.html')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run pnpm build first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-bench-'));
  const chosen = port ?? (await freePort());
  const base = `http://127.0.0.1:${chosen}`;
  const env = { ...process.env, PORT: String(chosen), HOST: '127.0.0.1', SQLITE_PATH: path.join(tmp, 'kiosk.sqlite'), STATIC_DIR: dist, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, [path.resolve(root, '../server/dist/main.js')], { cwd: tmp, env, stdio: 'ignore' });
  const kill = () => server.exitCode === null && server.signalCode === null && server.kill('SIGKILL');
  process.on('exit', kill);
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
  return {
    base,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      kill();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROME, args: [...CHROME_FLAGS, ...extraArgs] });
}

/** A kiosk browser context (portrait, touch, no service worker: every request is the page's own) enrolled at `site`. */
export async function kioskContext(browser, site, { viewport = { width: 1080, height: 1920 } } = {}) {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  await context.addInitScript((value) => localStorage.setItem('ck-kiosk-credential', value), credentialOf(site));
  return context;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
