// Issue 14 item 8: the watchdog of deploy/ brings a frozen or lost kiosk page back.
// A real Chromium with DevTools on loopback, the real kiosk, the watchdog run as
// systemd runs it (a node process), one check at a time.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BASE } from './helpers.mjs';

const watchdog = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/watchdog.mjs');
const run = promisify(execFile);

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

describe('kiosk watchdog', () => {
  let browser;
  let devtools;
  let profile;
  const url = `${BASE}/`;

  /** One watchdog check, as the systemd unit runs it; returns its outcome word. */
  async function check() {
    const { stdout } = await run(process.execPath, ['--experimental-websocket', watchdog, '--once', '--url', url, '--devtools', devtools, '--answer-ms', '4000']);
    return stdout.trim().split(' ').pop();
  }

  async function pages() {
    return (await (await fetch(`${devtools}/json/list`)).json()).filter((t) => t.type === 'page');
  }

  before(async () => {
    const port = await freePort();
    devtools = `http://127.0.0.1:${port}`;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-watchdog-'));
    browser = spawn(process.env.CHROME_PATH || '/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, '--no-first-run', 'about:blank'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i += 1) {
      try {
        await fetch(`${devtools}/json/version`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error('Chromium did not open its DevTools endpoint');
  });
  after(async () => {
    if (browser && browser.exitCode === null) {
      const exited = new Promise((r) => browser.once('exit', r));
      browser.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('takes a browser showing something else back to the kiosk app', async () => {
    assert.equal(await check(), 'navigated');
    let alive = '';
    for (let i = 0; i < 20 && alive !== 'alive'; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      alive = await check();
    }
    assert.equal(alive, 'alive', 'the kiosk app answers once loaded');
  });

  it('closes a frozen page and opens the app afresh', async () => {
    const [page] = await pages();
    // Freeze the page's main thread for good, as a runaway script would.
    await run(process.execPath, [
      '--experimental-websocket',
      '--input-type=module',
      '-e',
      `const s = new WebSocket(${JSON.stringify(page.webSocketDebuggerUrl)}); s.onopen = () => { s.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: 'setTimeout(() => { for (;;) {} }, 50); 1' } })); }; s.onmessage = () => { s.close(); };`,
    ]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await check(), 'reopened');
    let gone = false;
    for (let i = 0; i < 25 && !gone; i += 1) {
      gone = !(await pages()).some((t) => t.id === page.id);
      if (!gone) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(gone, 'the frozen tab is gone');
    let alive = '';
    for (let i = 0; i < 20 && alive !== 'alive'; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      alive = await check();
    }
    assert.equal(alive, 'alive', 'the fresh page runs the kiosk app');
  });
});
