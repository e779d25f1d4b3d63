#!/usr/bin/env node
// The kiosk watchdog (issue 14 item 8): every 30 s it asks the kiosk page, over
// Chromium's DevTools protocol on loopback, whether it is alive. A page that
// does not answer within 10 s is frozen: its tab is closed and the app opened
// afresh. A page that shows no kiosk app three times in a row (a blank or an
// error page) is navigated back to the app. No dependencies: node ≥ 20 with
// --experimental-websocket (default on node ≥ 22).
//
//   node --experimental-websocket deploy/watchdog.mjs --url http://127.0.0.1:8080/
//     [--devtools http://127.0.0.1:9222] [--every 30] [--answer-ms 10000] [--once]

const ANSWER_MS = 10_000;
const BLANK_CHECKS_BEFORE_RELOAD = 3;

/** Sends one DevTools command on a fresh connection; rejects when the page does not answer in time. */
export function devtoolsCall(webSocketUrl, method, params = {}, timeoutMs = ANSWER_MS) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(webSocketUrl);
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.addEventListener('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== 1) return;
      clearTimeout(timer);
      ws.close();
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    });
    ws.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`cannot reach ${webSocketUrl}`));
    });
  });
}

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/**
 * One look at the kiosk. Returns what it found and what it did:
 * 'alive' | 'opened' (no tab was open) | 'reopened' (frozen) | 'navigated' (elsewhere) | 'reloaded' (blank).
 */
export async function checkOnce({ devtools, url, state, answerMs = ANSWER_MS }) {
  const pages = (await json(`${devtools}/json/list`)).filter((t) => t.type === 'page');
  const origin = new URL(url).origin;
  const kiosk = pages.find((t) => t.url.startsWith(origin)) ?? pages[0];
  if (!kiosk) {
    await json(`${devtools}/json/new?${url}`, { method: 'PUT' });
    return 'opened';
  }
  let answer;
  try {
    answer = await devtoolsCall(kiosk.webSocketDebuggerUrl, 'Runtime.evaluate', {
      expression: "document.querySelector('ck-kiosk-app')?.dataset.phase ?? ''",
      returnByValue: true,
    }, answerMs);
  } catch {
    // Frozen (an endless loop, a hung renderer): closing the tab is the one thing that always works.
    await fetch(`${devtools}/json/close/${kiosk.id}`);
    await json(`${devtools}/json/new?${url}`, { method: 'PUT' });
    state.blank = 0;
    return 'reopened';
  }
  if (!kiosk.url.startsWith(origin)) {
    await devtoolsCall(kiosk.webSocketDebuggerUrl, 'Page.navigate', { url });
    state.blank = 0;
    return 'navigated';
  }
  if (answer.result?.value) {
    state.blank = 0;
    return 'alive';
  }
  state.blank = (state.blank ?? 0) + 1;
  if (state.blank < BLANK_CHECKS_BEFORE_RELOAD) return 'alive';
  state.blank = 0;
  await devtoolsCall(kiosk.webSocketDebuggerUrl, 'Page.reload', { ignoreCache: true });
  return 'reloaded';
}

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const url = option(args, 'url', process.env.KIOSK_URL ?? 'http://127.0.0.1:8080/');
  const devtools = option(args, 'devtools', process.env.KIOSK_DEVTOOLS ?? 'http://127.0.0.1:9222');
  const everyMs = Number(option(args, 'every', '30')) * 1000;
  const answerMs = Number(option(args, 'answer-ms', String(ANSWER_MS)));
  const once = args.includes('--once');
  const state = {};
  const run = async () => {
    try {
      const outcome = await checkOnce({ devtools, url, state, answerMs });
      if (outcome !== 'alive' || once) console.log(`${new Date().toISOString()} watchdog: ${outcome}`);
    } catch (error) {
      // The browser itself is down: systemd restarts it (civic-kiosk-browser.service); keep watching.
      console.error(`${new Date().toISOString()} watchdog: ${error.message}`);
      if (once) process.exitCode = 1;
    }
  };
  if (once) await run();
  else {
    await run();
    setInterval(run, everyMs);
  }
}
