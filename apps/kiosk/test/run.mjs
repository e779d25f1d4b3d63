// The kiosk's test command: starts the real data server serving the built app,
// runs the end-to-end specs and the pure-logic tests with node's test runner,
// writes test-results.json and stops the server whatever happens. Nothing is
// built here: turbo has built dist/ and the server before this runs.
//
//   node test/run.mjs [filter...]   SQLite (a fresh temporary file): every spec, or those whose name
//                                   contains a filter word; then, when PG_TEST_URL is set and no filter
//                                   was given, the service journeys once more on PostgreSQL.
//   node test/run.mjs --pg [filter] only the PostgreSQL run (also KIOSK_DB=pg): the service journeys
//                                   (stations, parking, health, library), or the filtered specs.
//
// On PostgreSQL each run creates its own database on PG_TEST_URL's server and drops it afterwards,
// so the seed is fresh, as it is with the temporary SQLite file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const serverMain = path.resolve(root, '../server/dist/main.js');
const dist = path.join(root, 'dist');
const resultsFile = path.join(root, 'test-results.json');

/** The journeys through each service, the ones that touch the database most: what the PostgreSQL run repeats. */
const PG_JOURNEYS = ['kiosk.e2e.mjs', 'parking.e2e.mjs', 'health.e2e.mjs', 'library.e2e.mjs'];

const args = process.argv.slice(2);
const pgOnly = args.includes('--pg') || process.env.KIOSK_DB === 'pg';
const filter = args.filter((a) => a !== '--pg');
const pgUrl = process.env.PG_TEST_URL?.trim();

function writeResults(counts) {
  fs.writeFileSync(resultsFile, `${JSON.stringify(counts)}\n`);
}

for (const [what, file] of [['the server (pnpm --filter @civic-kiosk/server build)', serverMain], ['the kiosk (pnpm --filter @civic-kiosk/kiosk build)', path.join(dist, 'index.html')]]) {
  if (!fs.existsSync(file)) {
    console.error(`Build ${what} first: ${file} is missing.`);
    writeResults({ passed: 0, failed: 1, skipped: 0 });
    process.exit(1);
  }
}
if (pgOnly && !pgUrl) {
  console.error('--pg needs PG_TEST_URL (e.g. export PG_TEST_URL=$(bash scripts/start-postgres.sh)).');
  writeResults({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
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

/** What is running now (server, test runner), so a signal or an exit stops it. */
const running = new Set();
function stopAll() {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
  stopAll();
  process.exit(130);
});

function specFiles(words, only) {
  return fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.e2e.mjs') || f.endsWith('.test.mjs'))
    .filter((f) => !only || only.includes(f))
    .filter((f) => words.length === 0 || words.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join('test', f));
}

/** The pg client the server itself uses (a dependency of @civic-kiosk/server). */
function pgClient(url) {
  const { Client } = createRequire(serverMain)('pg');
  return new Client({ connectionString: url });
}

/** A new, empty database on PG_TEST_URL's server; `drop()` removes it. */
async function freshPgDatabase() {
  const name = `ck_kiosk_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = pgClient(pgUrl);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = pgClient(pgUrl);
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * The specs run the server's commands (devices:add, staff:add, ...) as
 * `<dir of KIOSK_SERVER_MAIN>/cli/<name>.js` on "the test server's database",
 * which they give as SQLITE_PATH with DATABASE_URL emptied. On PostgreSQL that
 * would be the wrong database, so KIOSK_SERVER_MAIN points at a directory of
 * one-line stand-ins that set DATABASE_URL to this run's database and load the
 * real file. (Specs that start a second server of their own, such as the
 * library's SIP2 visit, look for the server's sources beside it and find none
 * here: they do not run in the PostgreSQL pass, which is about the database.)
 */
function pgServerStandIns(tmp, databaseUrl) {
  const dir = path.join(tmp, 'server-on-pg');
  const realDist = path.dirname(serverMain);
  const standIn = (real) =>
    `// Written by apps/kiosk/test/run.mjs --pg: ${path.relative(realDist, real)} on this run's PostgreSQL database.\n` +
    `process.env.DATABASE_URL = ${JSON.stringify(databaseUrl)};\nawait import(${JSON.stringify(pathToFileURL(real).href)});\n`;
  fs.mkdirSync(path.join(dir, 'cli'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.js'), standIn(serverMain));
  for (const f of fs.readdirSync(path.join(realDist, 'cli')).filter((x) => x.endsWith('.js'))) {
    fs.writeFileSync(path.join(dir, 'cli', f), standIn(path.join(realDist, 'cli', f)));
  }
  return path.join(dir, 'main.js');
}

async function waitForServer(server, url, ms) {
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

/** One pass: a server on `engine` with a fresh database, `files` under node --test; answers its counts. */
async function pass(engine, files) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ck-kiosk-e2e-${engine}-`));
  const sqlitePath = path.join(tmp, 'kiosk.sqlite');
  let db;
  let server;
  try {
    const port = await freePort();
    const serverEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: sqlitePath, STATIC_DIR: dist, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' };
    delete serverEnv.DATABASE_URL;
    let main = serverMain;
    if (engine === 'postgres') {
      db = await freshPgDatabase();
      serverEnv.DATABASE_URL = db.url;
      main = pgServerStandIns(tmp, db.url);
    }
    const serverLog = fs.openSync(path.join(tmp, 'server.log'), 'a');
    server = spawn(process.execPath, [serverMain], { cwd: tmp, env: serverEnv, stdio: ['ignore', serverLog, serverLog] });
    running.add(server);
    const started = Date.now();
    await waitForServer(server, `http://127.0.0.1:${port}/api/openapi.json`, 180_000);
    console.log(`server ready on port ${port} in ${Date.now() - started} ms (${engine === 'postgres' ? `PostgreSQL database ${db.name}` : `SQLite ${sqlitePath}`})`);

    const countsFile = path.join(tmp, 'counts.json');
    const code = await new Promise((resolve) => {
      const child = spawn(
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
          env: {
            ...process.env,
            KIOSK_URL: `http://127.0.0.1:${port}`,
            KIOSK_DB_ENGINE: engine,
            KIOSK_DATABASE_URL: db?.url ?? '',
            KIOSK_SQLITE_PATH: sqlitePath,
            KIOSK_SERVER_MAIN: main,
            KIOSK_DIST: dist,
            KIOSK_TMP: tmp,
          },
        },
      );
      running.add(child);
      child.on('exit', (c) => {
        running.delete(child);
        resolve(c ?? 1);
      });
    });
    if (fs.existsSync(countsFile)) Object.assign(counts, JSON.parse(fs.readFileSync(countsFile, 'utf8')));
    else counts.failed += 1;
    if (code !== 0 && counts.failed === 0) counts.failed += 1;
  } catch (error) {
    console.error(error);
    counts.failed += 1;
    const log = path.join(tmp, 'server.log');
    if (fs.existsSync(log)) console.error(`--- server log ---\n${fs.readFileSync(log, 'utf8').slice(-4000)}`);
  } finally {
    if (server) {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      running.delete(server);
    }
    // The server holds connections until it has gone; WITH (FORCE) ends any left.
    await db?.drop().catch((error) => console.error(`could not drop ${db.name}: ${error.message}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return counts;
}

const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => {
  for (const k of Object.keys(total)) total[k] += c[k];
};
const began = Date.now();
if (!pgOnly) {
  add(await pass('sqlite', specFiles(filter)));
  console.log(`\nSQLite pass: ${JSON.stringify(total)} (${Math.round((Date.now() - began) / 1000)} s)`);
}
if (pgOnly || (pgUrl && filter.length === 0)) {
  const files = specFiles(filter, filter.length === 0 ? PG_JOURNEYS : undefined);
  const pgBegan = Date.now();
  console.log(`\n== PostgreSQL pass: ${files.map((f) => path.basename(f)).join(', ')}`);
  const pgCounts = await pass('postgres', files);
  console.log(`\nPostgreSQL pass: ${JSON.stringify(pgCounts)} (${Math.round((Date.now() - pgBegan) / 1000)} s)`);
  add(pgCounts);
}
writeResults(total);
console.log(`\ntest-results: ${JSON.stringify(total)} (${Math.round((Date.now() - began) / 1000)} s)`);
process.exit(total.failed > 0 || total.skipped > 0 ? 1 : 0);
