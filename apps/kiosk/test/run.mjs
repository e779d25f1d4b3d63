// The kiosk's test command: starts the real data server (SQLite, a fresh
// temporary database) serving the built app, runs the end-to-end specs and the
// pure-logic tests with node's test runner, writes test-results.json and stops
// the server whatever happens. Nothing is built here: turbo has built dist/
// and the server before this runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const serverMain = path.resolve(root, '../server/dist/main.js');
const dist = path.join(root, 'dist');
const resultsFile = path.join(root, 'test-results.json');

for (const [what, file] of [['the server (pnpm --filter @civic-kiosk/server build)', serverMain], ['the kiosk (pnpm --filter @civic-kiosk/kiosk build)', path.join(dist, 'index.html')]]) {
  if (!fs.existsSync(file)) {
    console.error(`Build ${what} first: ${file} is missing.`);
    fs.writeFileSync(resultsFile, `${JSON.stringify({ passed: 0, failed: 1, skipped: 0 })}\n`);
    process.exit(1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-e2e-'));
const sqlitePath = path.join(tmp, 'kiosk.sqlite');
const port = await freePort();
const serverEnv = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  SQLITE_PATH: sqlitePath,
  STATIC_DIR: dist,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
};
delete serverEnv.DATABASE_URL;
const serverLog = fs.openSync(path.join(tmp, 'server.log'), 'a');
const server = spawn(process.execPath, [serverMain], { cwd: tmp, env: serverEnv, stdio: ['ignore', serverLog, serverLog] });
let child;

function stopAll() {
  for (const p of [child, server]) if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
  stopAll();
  process.exit(130);
});

async function waitForServer(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url} within ${ms} ms`);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
try {
  const started = Date.now();
  await waitForServer(`http://127.0.0.1:${port}/api/openapi.json`, 180_000);
  console.log(`server ready on port ${port} in ${Date.now() - started} ms (SQLite ${sqlitePath})`);

  const filter = process.argv.slice(2);
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.e2e.mjs') || f.endsWith('.test.mjs'))
    .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join('test', f));
  const countsFile = path.join(tmp, 'counts.json');
  const code = await new Promise((resolve) => {
    child = spawn(
      process.execPath,
      [
        '--test',
        // One browser at a time: two cores, and the idle test measures time.
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        `--test-reporter=${path.join(here, '../../../scripts/node-test-count-reporter.mjs')}`,
        `--test-reporter-destination=${countsFile}`,
        ...files,
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, KIOSK_URL: `http://127.0.0.1:${port}`, KIOSK_SQLITE_PATH: sqlitePath, KIOSK_SERVER_MAIN: serverMain, KIOSK_DIST: dist, KIOSK_TMP: tmp },
      },
    );
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (fs.existsSync(countsFile)) Object.assign(counts, JSON.parse(fs.readFileSync(countsFile, 'utf8')));
  else counts.failed += 1;
  if (code !== 0 || counts.failed > 0 || counts.skipped > 0) exitCode = 1;
} catch (error) {
  console.error(error);
  counts.failed += 1;
  exitCode = 1;
  const log = path.join(tmp, 'server.log');
  if (fs.existsSync(log)) console.error(`--- server log ---\n${fs.readFileSync(log, 'utf8').slice(-4000)}`);
} finally {
  stopAll();
  await new Promise((r) => setTimeout(r, 300));
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
}
fs.writeFileSync(resultsFile, `${JSON.stringify(counts)}\n`);
console.log(`\ntest-results: ${JSON.stringify(counts)}`);
process.exit(exitCode);
