import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDataStore } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { seedIfEmpty } from '../src/db/seed/index.js';

/**
 * Runs the whole suite twice, on SQLite and on PostgreSQL 15, against
 * templates migrated and seeded once here; each test file clones its own
 * database from them. Writes test-results.json and fails on any failure.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function postgresUrl(): string {
  if (process.env.PG_TEST_URL) return process.env.PG_TEST_URL;
  return execFileSync('bash', [path.resolve(root, '../../scripts/start-postgres.sh')], { encoding: 'utf8' }).trim().split('\n').pop()!;
}

async function makeTemplate(dialect: 'sqlite' | 'postgres', pgUrl: string): Promise<{ template: string; cleanup(): Promise<void> }> {
  const now = new Date();
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `ck_tpl_${randomBytes(6).toString('hex')}.sqlite`);
    const store = openDataStore({ sqlitePath: file });
    await migrate(store.db as never, 'sqlite');
    await seedIfEmpty(store, now);
    await store.close();
    return { template: file, cleanup: () => Promise.resolve(fs.rmSync(file, { force: true })) };
  }
  const name = `ck_tpl_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const store = openDataStore({ databaseUrl: url.toString() });
  await migrate(store.db as never, 'postgres');
  await seedIfEmpty(store, now);
  await store.close();
  return {
    template: name,
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

function runSuite(dialect: string, env: NodeJS.ProcessEnv, files: string[]): Promise<{ passed: number; failed: number; skipped: number; code: number }> {
  const countsFile = path.join(os.tmpdir(), `ck_counts_${dialect}_${process.pid}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${path.join(here, '../../../scripts/node-test-count-reporter.mjs')}`, `--test-reporter-destination=${countsFile}`, ...files],
      { cwd: root, env, stdio: 'inherit' },
    );
    child.on('exit', (code) => {
      const counts = JSON.parse(fs.readFileSync(countsFile, 'utf8')) as { passed: number; failed: number; skipped: number };
      fs.rmSync(countsFile, { force: true });
      resolve({ ...counts, code: code ?? 1 });
    });
  });
}

const filter = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort()
  .map((f) => path.join('test', f));
const pgUrl = postgresUrl();
const totals = { passed: 0, failed: 0, skipped: 0 };
const perDialect: Record<string, unknown> = {};
let exitCode = 0;
for (const dialect of ['sqlite', 'postgres'] as const) {
  const started = Date.now();
  const { template, cleanup } = await makeTemplate(dialect, pgUrl);
  console.log(`\n=== ${dialect}: template ready in ${Date.now() - started} ms ===\n`);
  try {
    const result = await runSuite(dialect, { ...process.env, TEST_DIALECT: dialect, TEST_TEMPLATE: template, PG_TEST_URL: pgUrl }, files);
    perDialect[dialect] = { passed: result.passed, failed: result.failed, skipped: result.skipped };
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    if (result.code !== 0 || result.failed > 0) exitCode = 1;
  } finally {
    await cleanup();
  }
}
fs.writeFileSync(path.join(root, 'test-results.json'), `${JSON.stringify(totals)}\n`);
console.log(`\ntest-results: ${JSON.stringify(totals)} ${JSON.stringify(perDialect)}`);
if (totals.skipped > 0) exitCode = 1;
process.exit(exitCode);
