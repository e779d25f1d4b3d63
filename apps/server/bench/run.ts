import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDataStore } from '../src/db/database.js';
import { TALLY_BALLOTS, TALLY_HOUSEHOLDS, tallyBench } from './tally.js';

/**
 * Benchmarks against the built server (dist/main.js) on a real loopback
 * socket, on SQLite and on PostgreSQL: a read, a checkout + checkin cycle and
 * a ballot with autocannon, then a kill -9 durability check.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The documented demo credential (DEMO_DEVICES=1 outside production); a build from before per-device
// credentials accepts it through DEVICE_KEYS, so both builds run the same requests.
const DEVICE_KEY = 'ckd_demo-xikou-hall.demo-secret';
/** BENCH_PORT: first of the ports the servers listen on (before, after, durability, two instances); random when unset. */
const PORT_BASE = Number(process.env.BENCH_PORT ?? 18_000 + Math.floor(Math.random() * 900));
let portOffset = 0;
const nextPort = () => PORT_BASE + portOffset++;
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

async function start(t: Target, port: number, main = path.join(root, 'dist/main.js')): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...t.env, PORT: String(port), HOST: '127.0.0.1', DEVICE_KEYS: DEVICE_KEY, RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', TOKEN_SECRET: 'bench-token-secret-0123456789abcdef0123' },
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
  /** CPU time per request of the server process, and of its PostgreSQL backends: a figure other load on the machine barely moves. */
  serverCpuMs?: number;
  pgCpuMs?: number;
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** utime + stime of one process, in ms (0 when it is gone or /proc is missing). */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU of the PostgreSQL backends serving one database (their titles name it), by pid. */
function pgBackends(database: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) out.set(Number(pid), cpuMs(Number(pid)));
    } catch {
      // gone
    }
  }
  return out;
}

/** Runs `fn` and adds the CPU per request it cost the server (and PostgreSQL). */
async function measured(server: { child: ChildProcess; database?: string }, fn: () => Promise<Figure>): Promise<Figure> {
  const pid = server.child.pid!;
  const cpu0 = cpuMs(pid);
  const pg0 = server.database ? pgBackends(server.database) : new Map<number, number>();
  const figure = await fn();
  const requests = figure.rps * DURATION;
  if (requests === 0) return figure;
  figure.serverCpuMs = Math.round(((cpuMs(pid) - cpu0) / requests) * 1000) / 1000;
  if (server.database) {
    let used = 0;
    for (const [p, now] of pgBackends(server.database)) used += now - (pg0.get(p) ?? 0);
    figure.pgCpuMs = Math.round((used / requests) * 1000) / 1000;
  }
  return figure;
}

/** Every answer that is not 2xx, with its status and body, so none goes unexplained. */
class Failures {
  readonly seen: string[] = [];
  record(what: string, status: number, body: string): void {
    if (status < 200 || status > 299) this.seen.push(`${what} ${status} ${body}`);
  }
  print(name: string): void {
    if (this.seen.length === 0) return;
    const groups = new Map<string, number>();
    for (const f of this.seen) {
      const group = f.replace(/^(\S+) (\d+) .*?"code":"([A-Z_]+)".*$/s, '$1 $2 $3');
      groups.set(group, (groups.get(group) ?? 0) + 1);
    }
    console.log(`  ${name}: ${this.seen.length} non-2xx answers:`);
    for (const [group, n] of groups) console.log(`    ${n} × ${group.slice(0, 200)}`);
    for (const f of this.seen.slice(0, 3)) console.log(`    e.g. ${f.slice(0, 300)}`);
  }
}

const CONNECTIONS = 10;

/** Which of the ten per-connection fixtures a load generator uses (two instances: 0-4 on one, 5-9 on the other). */
interface Share {
  offset: number;
  count: number;
}
const ALL: Share = { offset: 0, count: CONNECTIONS };

function run(opts: autocannon.Options, name: string, failures: Failures, duration = DURATION, connections = CONNECTIONS): Promise<Figure> {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections, pipelining: 1, ...opts }, (err, r) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      failures.print(name);
      resolve({ name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

let keySeq = 0;
const key = () => `bench-${process.pid}-${(keySeq += 1)}`;

/**
 * Gives each autocannon connection its own requests. A per-connection value must not live in
 * setupRequest's context: autocannon resets that context every time a connection wraps around
 * its request list, so a value drawn there is drawn again each cycle.
 */
function perConnection(make: (connection: number) => autocannon.Request[], share: Share = ALL): Pick<autocannon.Options, 'requests' | 'setupClient'> {
  let next = 0;
  return {
    requests: make(share.offset),
    setupClient: (client) => {
      (client as unknown as { setRequests(r: autocannon.Request[]): void }).setRequests(make(share.offset + (next++ % share.count)));
    },
  };
}

interface Fixtures {
  patrons: string[];
  items: string[];
  voters: string[];
  /** The voters' card numbers (PIN 123456), one per connection, for the sign-in benchmark. */
  cards: string[];
}

async function fixtures(base: string, t: Target): Promise<Fixtures> {
  // Ten clean patrons (LIB00031-40, no loans, holds or fines), each with one loanable item no one else touches:
  // a connection's patron never has more than one loan, far under the limit of five.
  const patrons = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => signIn(base, '/api/library/signin', { cardNumber: `LIB000${31 + i}`, pin: '123456' })));
  const items = Array.from({ length: CONNECTIONS }, (_, i) => `CK000${String(401 + i * 5).padStart(3, '0')}`);
  // Ten residents with a PIN, one per household, so no two connections vote for the same household. They are
  // read from the database: probing cards without a PIN would count as failed sign-ins and throttle the bench kiosk.
  const store = openDataStore(t.env.DATABASE_URL ? { databaseUrl: t.env.DATABASE_URL } : { sqlitePath: t.env.SQLITE_PATH });
  const rows = await store.db.selectFrom('residents').select(['card_number', 'household_id']).where('pin_hash', 'is not', null).where('card_number', '>=', 'XK0061').orderBy('card_number').execute();
  await store.close();
  const cards: string[] = [];
  const households = new Set<string>();
  for (const r of rows) {
    if (cards.length === CONNECTIONS) break;
    if (households.has(r.household_id)) continue;
    households.add(r.household_id);
    cards.push(r.card_number);
  }
  const voters = await Promise.all(cards.map((cardNumber) => signIn(base, '/api/residents/signin', { cardNumber, pin: '123456', service: 'deliberation' })));
  if (voters.length < CONNECTIONS) throw new Error(`only ${voters.length} voters`);
  return { patrons, items, voters, cards };
}

/** Returns every bench item (a run can stop between a checkout and its checkin). */
async function returnAll(base: string, items: string[]): Promise<void> {
  for (const barcode of items) {
    await fetch(`${base}/api/library/checkin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, 'idempotency-key': key() }, body: JSON.stringify({ barcode }) });
  }
}

type Scenario = (base: string, f: Fixtures, share?: Share) => Promise<Figure>;

const scenarios: Scenario[] = [
  (base, _f, share = ALL) => {
    const failures = new Failures();
    return run({ url: `${base}/api/stations`, requests: [{ method: 'GET', onResponse: (status, body) => failures.record('stations', status, body) }] }, 'GET /api/stations', failures, DURATION, share.count);
  },
  async (base, f, share = ALL) => {
    const failures = new Failures();
    const figure = await run(
      {
        url: base,
        ...perConnection((n) => [
          {
            method: 'POST',
            path: '/api/library/checkout',
            setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, authorization: `Bearer ${f.patrons[n]}`, 'idempotency-key': key() }, body: JSON.stringify({ barcode: f.items[n] }) }),
            onResponse: (status, body) => failures.record(`checkout#${n}`, status, body),
          },
          {
            method: 'POST',
            path: '/api/library/checkin',
            setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, 'idempotency-key': key() }, body: JSON.stringify({ barcode: f.items[n] }) }),
            onResponse: (status, body) => failures.record(`checkin#${n}`, status, body),
          },
        ], share),
      },
      'checkout + checkin (writes)',
      failures,
      DURATION,
      share.count,
    );
    await returnAll(base, f.items.slice(share.offset, share.offset + share.count));
    return figure;
  },
  (base, f, share = ALL) => {
    // Each ballot is an upsert, an audit line and an idempotency record, in one transaction.
    const failures = new Failures();
    let v = 0;
    return run(
      {
        url: base,
        ...perConnection((n) => [
          {
            method: 'POST',
            path: '/api/deliberation/motions/motion-barrier-gate/ballots',
            setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, authorization: `Bearer ${f.voters[n]}`, 'idempotency-key': key() }, body: JSON.stringify({ choice: ['agree', 'disagree', 'abstain'][(v += 1) % 3] }) }),
            onResponse: (status, body) => failures.record(`ballot#${n}`, status, body),
          },
        ], share),
      },
      'POST ballot (writes)',
      failures,
      DURATION,
      share.count,
    );
  },
  (base, f) => {
    // The right PIN, one card per connection: the scrypt check bounds it; the reservation, the
    // session row and the audit line are the database's share.
    const failures = new Failures();
    return run(
      {
        url: base,
        ...perConnection((n) => [
          {
            method: 'POST',
            path: '/api/residents/signin',
            headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY },
            body: JSON.stringify({ cardNumber: f.cards[n], pin: '123456', service: 'deliberation' }),
            onResponse: (status, body) => failures.record(`signin#${n}`, status, body),
          },
        ]),
      },
      'POST resident sign-in',
      failures,
    );
  },
];

/**
 * Acknowledged writes (comments, each with its own id) while the server is killed with SIGKILL;
 * then count what survived. (Heartbeats no longer serve: a kiosk has one heartbeat row, its own.)
 */
async function durability(t: Target, port: number): Promise<{ acknowledged: number; found: number }> {
  const base = `http://127.0.0.1:${port}`;
  let child = await start(t, port);
  const token = await signIn(base, '/api/residents/signin', { cardNumber: 'XK0001', pin: '123456', service: 'deliberation' });
  const acked: string[] = [];
  let stopFlag = false;
  const writer = async (w: number) => {
    for (let i = 0; !stopFlag; i += 1) {
      try {
        const res = await fetch(`${base}/api/deliberation/proposals/prop-kerbside/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-key': DEVICE_KEY, authorization: `Bearer ${token}`, 'idempotency-key': `dur-${w}-${i}-${Date.now()}` },
          body: JSON.stringify({ body: `dur ${w} ${i}` }),
        });
        if (res.status === 201) acked.push(((await res.json()) as { id: string }).id);
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
  const rows = acked.length ? await store.db.selectFrom('comments').select('id').where('id', 'in', acked).execute() : [];
  await store.close();
  return { acknowledged: acked.length, found: rows.length };
}

/**
 * Two server processes on one PostgreSQL database (a fleet behind a load balancer): each scenario
 * runs on both at once, five connections each with their own fixtures; combined req/s, worst p99.
 */
async function twoInstances(pgUrlBase: string): Promise<Figure[]> {
  const t = await target('postgres', pgUrlBase);
  const ports = [nextPort(), nextPort()];
  const children: ChildProcess[] = [];
  try {
    // One after the other: the first start migrates and seeds.
    for (const port of ports) children.push(await start(t, port));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const f = await fixtures(bases[0]!, t);
    const half = CONNECTIONS / 2;
    const figures: Figure[] = [];
    for (const scenario of scenarios) {
      const [a, b] = await Promise.all(bases.map((base, i) => scenario(base, f, { offset: i * half, count: half })));
      figures.push({ name: `${a!.name} ×2 instances`, rps: a!.rps + b!.rps, p50: Math.max(a!.p50, b!.p50), p99: Math.max(a!.p99, b!.p99), non2xx: a!.non2xx + b!.non2xx, errors: a!.errors + b!.errors });
    }
    return figures;
  } finally {
    for (const c of children) await stop(c);
    await t.cleanup();
  }
}

const pgUrl = process.env.PG_TEST_URL ?? execFileSync('bash', [path.resolve(root, '../../scripts/start-postgres.sh')], { encoding: 'utf8' }).trim().split('\n').pop()!;
// BENCH_BASELINE=path/to/other/dist/main.js benchmarks that build too, scenario by scenario in the same run
// (each server on its own fresh database), and prints both side by side.
const baseline = process.env.BENCH_BASELINE;
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const report: Record<string, unknown> = { machine: `${os.cpus().length} cores, Node ${process.version}`, durationSeconds: DURATION, connections: CONNECTIONS };
const GOALS = [
  { rps: 2000, p99: 50 },
  { rps: 500, p99: 50 },
  { rps: 500, p99: 50 },
  // scrypt (~45 ms of CPU each) on two cores caps sign-ins near 40/s.
  { rps: 20, p99: 1000 },
];
const summary: Record<string, string | number>[] = [];
/** Server CPU per request (+ PostgreSQL backends' CPU per request). */
const cpuText = (f: Figure) => `${f.serverCpuMs ?? '?'}${f.pgCpuMs !== undefined ? ` + ${f.pgCpuMs} pg` : ''}`;
for (const dialect of engines) {
  const builds = [...(baseline ? [{ label: 'before', main: path.resolve(baseline) }] : []), { label: 'after', main: path.join(root, 'dist/main.js') }];
  const servers: { label: string; target: Target; child: ChildProcess; base: string; fixtures: Fixtures; figures: Figure[] }[] = [];
  try {
    for (const b of builds) {
      const t = await target(dialect, pgUrl);
      const port = nextPort();
      const child = await start(t, port, b.main);
      const base = `http://127.0.0.1:${port}`;
      // Registered before the fixtures, so a failing fixture still stops this server in `finally`.
      const server = { label: b.label, target: t, child, base, fixtures: undefined as unknown as Fixtures, figures: [] as Figure[] };
      servers.push(server);
      server.fixtures = await fixtures(base, t);
      await run({ url: `${base}/api/stations` }, 'warm-up', new Failures(), 1);
    }
    for (const scenario of scenarios) {
      for (const s of servers) {
        console.log(`${dialect} ${s.label}…`);
        s.figures.push(await measured({ child: s.child, database: s.target.env.DATABASE_URL ? new URL(s.target.env.DATABASE_URL).pathname.slice(1) : undefined }, () => scenario(s.base, s.fixtures)));
      }
    }
    for (const s of servers) {
      await stop(s.child);
      console.log(`\n${dialect} ${s.label} (${path.relative(process.cwd(), builds.find((b) => b.label === s.label)!.main)})`);
      console.table(s.figures);
    }
    const after = servers[servers.length - 1]!;
    const before = servers.length > 1 ? servers[0] : undefined;
    after.figures.forEach((fig, i) => {
      const was = before?.figures[i];
      const goal = GOALS[i]!;
      summary.push({
        engine: dialect,
        scenario: fig.name,
        ...(was ? { 'before req/s': was.rps, 'before p99': was.p99, 'before non2xx': was.non2xx, 'before cpu ms/req': cpuText(was) } : {}),
        'req/s': fig.rps,
        p99: fig.p99,
        non2xx: fig.non2xx,
        'cpu ms/req': cpuText(fig),
        goal: `≥${goal.rps}/s, p99<${goal.p99}: ${fig.rps >= goal.rps && fig.p99 < goal.p99 && fig.non2xx === 0 ? 'met' : 'NOT met'}`,
      });
    });
    const dur = await durability(after.target, nextPort());
    console.log(`${dialect} durability: ${dur.acknowledged} writes acknowledged before kill -9, ${dur.found} found after restart`);
    report[dialect] = { figures: after.figures, ...(before ? { before: before.figures } : {}), durability: dur };
  } finally {
    for (const s of servers) {
      await stop(s.child);
      await s.target.cleanup();
    }
  }
}
if (engines.includes('postgres') && process.env.BENCH_TWO_INSTANCES !== '0') {
  console.log('postgres: two instances on one database…');
  const figures = await twoInstances(pgUrl);
  console.table(figures);
  report.postgresTwoInstances = figures;
  for (const fig of figures) summary.push({ engine: 'postgres ×2', scenario: fig.name, 'req/s': fig.rps, p99: fig.p99, non2xx: fig.non2xx });
}
// The deliberation tally (issue 10): in process, on each engine; BENCH_TALLY=0 skips it.
if (process.env.BENCH_TALLY !== '0') {
  console.log(`\ntally: ${TALLY_BALLOTS} ballots over ${TALLY_HOUSEHOLDS} households`);
  const tallyFigures = await tallyBench(engines, pgUrl);
  console.table(tallyFigures);
  report.tally = tallyFigures;
}
// Library checkouts/s and p99, own catalogue and SIP2 gateway (bench/library.ts; BENCH_LIBRARY=0 skips).
if (process.env.BENCH_LIBRARY !== '0') {
  const { libraryBench } = await import('./library.js');
  report.library = await libraryBench();
  console.table(report.library);
}
console.log('\nsummary');
console.table(summary);
fs.writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nwritten to bench-results.json');
