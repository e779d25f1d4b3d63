// The examples' test command: starts the real data server (SQLite, a fresh
// temporary database) on one origin and each built example on its own origin
// (the static server of scripts/serve.mjs, with the site's CSP), lets the API
// answer those origins only (CORS_ORIGINS), runs the end-to-end specs with
// node's test runner, writes test-results.json and stops everything. Nothing
// is built here: turbo has built dist/ and the server before this runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveExample } from '../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const serverMain = path.resolve(root, '../server/dist/main.js');
const resultsFile = path.join(root, 'test-results.json');

const examples = ['plain', 'react'];
for (const [what, file] of [['the server (pnpm --filter @civic-kiosk/server build)', serverMain], ...examples.map((name) => [`the ${name} example (pnpm --filter @civic-kiosk/embed-examples build)`, path.join(root, 'dist', name, 'index.html')])]) {
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-embed-e2e-'));
const apiPort = await freePort();
const api = `http://127.0.0.1:${apiPort}/api`;
const sites = {};
for (const name of examples) sites[name] = await serveExample({ example: name, api });
// The plain page once more on an origin the API does NOT allow: CORS must be what makes the others work.
sites.foreign = await serveExample({ example: 'plain', api });

const serverEnv = {
  ...process.env,
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  SQLITE_PATH: path.join(tmp, 'embed.sqlite'),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
  CORS_ORIGINS: examples.map((name) => sites[name].url).join(','),
};
delete serverEnv.DATABASE_URL;
delete serverEnv.STATIC_DIR;
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
  await waitForServer(`${api}/openapi.json`, 180_000);
  console.log(`API on ${api} in ${Date.now() - started} ms; ${Object.entries(sites).map(([n, s]) => `${n} ${s.url}`).join(', ')}`);

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
        env: {
          ...process.env,
          EMBED_API: api,
          EMBED_PLAIN_URL: sites.plain.url,
          EMBED_REACT_URL: sites.react.url,
          EMBED_FOREIGN_URL: sites.foreign.url,
        },
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
  await Promise.all(Object.values(sites).map((s) => s.close()));
  await new Promise((r) => setTimeout(r, 300));
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
}
fs.writeFileSync(resultsFile, `${JSON.stringify(counts)}\n`);
console.log(`\ntest-results: ${JSON.stringify(counts)}`);
process.exit(exitCode);
