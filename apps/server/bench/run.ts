import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDataStore } from '../src/db/database.js';

/**
 * Benchmarks against the built server (dist/main.js) on a real loopback
 * socket, on SQLite and on PostgreSQL: a read, a checkout + checkin cycle and
 * a ballot with autocannon, then a kill -9 durability check.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEVICE_KEY = 'bench-kiosk-key';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

interface Target {
  dialect: 'sqlite' | 'postgres';
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

async function target(dialect: 'sqlite' | 'postgres', pgUrl: string): Promise<Target> {
  const name = `ck_bench_${randomBytes(5).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    return { dialect, env: { SQLITE_PATH: file }, cleanup: () => Promise.resolve(['', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true }))) };
  }
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function start(t: Target, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env: { ...process.env, ...t.env, PORT: String(port), HOST: '127.0.0.1', DEVICE_KEYS: DEVICE_KEY, RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/stations`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function signIn(base: string, url: string, body: object): Promise<string> {
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sign-in ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function run(opts: autocannon.Options, name: string): Promise<Figure> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: DURATION, connections: 10, pipelining: 1, ...opts }, (err, r) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      resolve({ name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

let keySeq = 0;
const key = () => `bench-${process.pid}-${(keySeq += 1)}`;

async function throughput(base: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  figures.push(await run({ url: `${base}/api/stations` }, 'GET /api/stations'));

  // Ten clean patrons (LIB00031-40), each cycling one of its own items: no two connections contend.
  const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(base, '/api/library/signin', { cardNumber: `LIB000${31 + i}`, pin: '123456' })));
  let conn = 0;
  figures.push(
    await run(
      {
        url: base,
        requests: [
          {
            method: 'POST',
            path: '/api/library/checkout',
            setupRequest: (req, ctx: object) => {
              const context = ctx as { n?: number };
              context.n ??= conn++ % 10;
              const n = context.n;
              return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n]}`, 'idempotency-key': key() }, body: JSON.stringify({ barcode: `CK000${String(401 + n * 5).padStart(3, '0')}` }) };
            },
          },
          {
            method: 'POST',
            path: '/api/library/checkin',
            setupRequest: (req, ctx: object) => ({
              ...req,
              headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, 'idempotency-key': key() },
              body: JSON.stringify({ barcode: `CK000${String(401 + ((ctx as { n?: number }).n ?? 0) * 5).padStart(3, '0')}` }),
            }),
          },
        ],
      },
      'checkout + checkin (writes)',
    ),
  );

  // Ten households' heads (hh-061..070) vote again and again: each ballot is an upsert, an audit line and an idempotency record.
  const residents = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(base, '/api/residents/signin', { cardNumber: `XK0${String(61 + i * 2).padStart(3, '0')}`, pin: '123456', service: 'deliberation' }).catch(() => '')));
  const voters = residents.filter(Boolean);
  let v = 0;
  figures.push(
    await run(
      {
        url: base,
        requests: [
          {
            method: 'POST',
            path: '/api/deliberation/motions/motion-barrier-gate/ballots',
            setupRequest: (req) => ({
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${voters[v++ % voters.length]}`, 'idempotency-key': key() },
              body: JSON.stringify({ choice: ['agree', 'disagree', 'abstain'][v % 3] }),
            }),
          },
        ],
      },
      'POST ballot (writes)',
    ),
  );
  return figures;
}

/** Acknowledged heartbeats while the server is killed with SIGKILL; then count what survived. */
async function durability(t: Target, port: number): Promise<{ acknowledged: number; found: number }> {
  const base = `http://127.0.0.1:${port}`;
  let child = await start(t, port);
  const acked: string[] = [];
  let stopFlag = false;
  const writer = async (w: number) => {
    for (let i = 0; !stopFlag; i += 1) {
      const deviceId = `dur-${w}-${i}`;
      try {
        const res = await fetch(`${base}/api/kiosk/heartbeat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, 'idempotency-key': `dur-${w}-${i}-${Date.now()}` },
          body: JSON.stringify({ deviceId, version: '1.0.0', uptimeSeconds: i }),
        });
        if (res.status === 200) acked.push(deviceId);
      } catch {
        return;
      }
    }
  };
  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  await new Promise((r) => setTimeout(r, 2000));
  child.kill('SIGKILL');
  stopFlag = true;
  await Promise.all(writers);
  await new Promise((r) => setTimeout(r, 200));
  child = await start(t, port);
  await stop(child);
  const store = openDataStore(t.env.DATABASE_URL ? { databaseUrl: t.env.DATABASE_URL } : { sqlitePath: t.env.SQLITE_PATH });
  const rows = await store.db.selectFrom('heartbeats').select('device_id').where('device_id', 'like', 'dur-%').execute();
  await store.close();
  const present = new Set(rows.map((r) => r.device_id));
  return { acknowledged: acked.length, found: acked.filter((id) => present.has(id)).length };
}

const pgUrl = process.env.PG_TEST_URL ?? execFileSync('bash', [path.resolve(root, '../../scripts/start-postgres.sh')], { encoding: 'utf8' }).trim().split('\n').pop()!;
const report: Record<string, unknown> = { machine: `${os.cpus().length} cores, Node ${process.version}`, durationSeconds: DURATION };
for (const dialect of ['sqlite', 'postgres'] as const) {
  const t = await target(dialect, pgUrl);
  const port = 18_000 + Math.floor(Math.random() * 1000);
  try {
    const child = await start(t, port);
    const figures = await throughput(`http://127.0.0.1:${port}`);
    await stop(child);
    console.log(`\n${dialect}`);
    console.table(figures);
    const dur = await durability(t, port + 1);
    console.log(`${dialect} durability: ${dur.acknowledged} writes acknowledged before kill -9, ${dur.found} found after restart`);
    report[dialect] = { figures, durability: dur };
  } finally {
    await t.cleanup();
  }
}
fs.writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nwritten to bench-results.json');
