import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeAcs } from '../test/sip2-fake.js';

/**
 * Checkouts per second and their p99 through the built server (dist/main.js) on a real loopback socket:
 * on its own catalogue (SQLite), and through the SIP2 gateway against the loopback fake ACS. Ten
 * workers, one patron and one item each, loop checkout → checkin; only the checkouts are timed.
 * `pnpm --filter @civic-kiosk/server bench:library` (BENCH_SECONDS, default 10); also run by bench/run.ts.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEVICE_KEY = 'ckd_demo-xikou-hall.demo-secret';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WORKERS = 10;
// Patrons 31–40 have no loans, holds or fines; these copies are on the shelf with nobody waiting.
const PATRONS = Array.from({ length: WORKERS }, (_, k) => `LIB000${31 + k}`);
const ITEMS = Array.from({ length: WORKERS }, (_, k) => `CK000${403 + k * 10}`);

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; file: string }> {
  const port = 19_000 + Math.floor(Math.random() * 900);
  const file = path.join(os.tmpdir(), `ck_bench_lib_${randomBytes(5).toString('hex')}.sqlite`);
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env: { ...process.env, DATABASE_URL: '', SQLITE_PATH: file, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', TOKEN_SECRET: 'bench-token-secret-0123456789abcdef0123', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${base}/api/library/status`, { headers: { 'x-device-key': DEVICE_KEY } })).ok) return { child, base, file };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

let seq = 0;
const post = (base: string, url: string, body: object, token?: string) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, 'idempotency-key': `bench-lib-${process.pid}-${(seq += 1)}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

interface Figure { backend: string; checkoutsPerSecond: number; p50Ms: number; p99Ms: number; checkouts: number; failed: number }

async function measure(label: string, base: string): Promise<Figure> {
  const tokens = await Promise.all(
    PATRONS.map(async (cardNumber) => {
      const res = await post(base, '/api/library/signin', { cardNumber, pin: '123456' });
      if (!res.ok) throw new Error(`sign-in ${cardNumber}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    }),
  );
  const latencies: number[] = [];
  let failed = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, k) => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const out = await post(base, '/api/library/checkout', { barcode: ITEMS[k] }, token);
        const ms = performance.now() - t0;
        await out.arrayBuffer();
        if (out.status === 201) latencies.push(ms);
        else failed += 1;
        const back = await post(base, '/api/library/checkin', { barcode: ITEMS[k] });
        await back.arrayBuffer();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  return { backend: label, checkoutsPerSecond: Math.round(latencies.length / elapsed), p50Ms: pct(0.5), p99Ms: pct(0.99), checkouts: latencies.length, failed };
}

export async function libraryBench(): Promise<Figure[]> {
  if (!fs.existsSync(path.join(root, 'dist/main.js'))) throw new Error('build first: pnpm --filter @civic-kiosk/server build');
  const figures: Figure[] = [];
  const own = await startServer({});
  try {
    figures.push(await measure('own catalogue (SQLite)', own.base));
  } finally {
    own.child.kill();
  }
  const acs = await startFakeAcs({ user: 'kiosk', password: 'secret' });
  const gw = await startServer({ LIBRARY_SIP2: `127.0.0.1:${acs.port}`, SIP2_USER: 'kiosk', SIP2_PASSWORD: 'secret', SIP2_INSTITUTION: 'ck', SIP2_LOCATION: 'xikou', SIP2_POOL_SIZE: '4' });
  try {
    figures.push(await measure('SIP2 gateway → loopback ACS (pool 4)', gw.base));
  } finally {
    gw.child.kill();
    await acs.close();
  }
  for (const f of [own.file, gw.file]) for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await libraryBench();
  console.log(`\nlibrary checkouts (${WORKERS} workers, ${SECONDS} s, checkout → checkin loop; checkouts timed)`);
  console.table(figures);
}
