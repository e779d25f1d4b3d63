import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDataStore, type Db, type DataStore } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { rng } from '../src/db/seed/random.js';
import { CHOICES, newReceipt, tally, type Choice } from '../src/deliberation/tally.js';

/**
 * The deliberation tally (issue 10 benchmark): 10,000 ballots cast by 2,000
 * households (each votes, then households change their minds 8,000 times; the
 * last vote of each counts), stored with the same upsert as the ballot route,
 * then `GET /api/deliberation/motions/:id/results` timed in process on each
 * engine. test/deliberation-tally.test.ts checks the route's answer for this
 * fixture against a count of its own.
 */
export const TALLY_HOUSEHOLDS = 2_000;
export const TALLY_BALLOTS = 10_000;
export const TALLY_MOTION = 'motion-tally-bench';
const TOPIC = 'topic-tally-bench';
const COMMUNITY = '溪口镇计票基准小区';

export interface Cast {
  household: string;
  choice: Choice;
  receipt: string;
}

/** The same casts for the same seed: every household once (shuffled), then random changes of mind. */
export function generateCasts(seed = 10_000): { households: string[]; casts: Cast[] } {
  const r = rng(seed);
  const households = Array.from({ length: TALLY_HOUSEHOLDS }, (_, i) => `hh-tally-${String(i + 1).padStart(4, '0')}`);
  const order = [...households];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = r.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const casts: Cast[] = order.map((household) => ({ household, choice: r.pick(CHOICES), receipt: newReceipt() }));
  while (casts.length < TALLY_BALLOTS) casts.push({ household: r.pick(households), choice: r.pick(CHOICES), receipt: newReceipt() });
  return { households, casts };
}

/**
 * Writes the fixture: a closed motion (so its counts are public) of a community of 2,000 households, and
 * the casts applied in order as upserts on (motion, household), in chunks (within a chunk only the last
 * cast of a household is sent, which leaves the same rows as sending each in turn).
 */
export async function loadTallyFixture(db: Db, households: readonly string[], casts: readonly Cast[], now: Date): Promise<void> {
  const iso = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  await db.insertInto('topics').values({ id: TOPIC, community: COMMUNITY, title_zh: '计票基准', title_en: 'Tally benchmark', summary_zh: '—', summary_en: '—', figures: '{}', official_answer_zh: null, official_answer_en: null, created_at: iso(-10) }).execute();
  await db.insertInto('motions').values({ id: TALLY_MOTION, topic_id: TOPIC, meeting_id: null, title_zh: '计票基准', title_en: 'Tally benchmark', opens_at: iso(-5), closes_at: iso(-1) }).execute();
  for (let i = 0; i < households.length; i += 500) {
    await db.insertInto('households').values(households.slice(i, i + 500).map((id) => ({ id, community: COMMUNITY, address: id }))).execute();
  }
  for (let i = 0; i < casts.length; i += 500) {
    const last = new Map<string, Cast>();
    for (const c of casts.slice(i, i + 500)) last.set(c.household, c);
    const at = iso(-2);
    await db
      .insertInto('ballots')
      .values([...last.values()].map((c) => ({ motion_id: TALLY_MOTION, household_id: c.household, resident_id: `res-${c.household}`, choice: c.choice, receipt: c.receipt, cast_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['motion_id', 'household_id']).doUpdateSet((eb) => ({ choice: eb.ref('excluded.choice'), receipt: eb.ref('excluded.receipt'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
  }
}

async function engineStore(dialect: 'sqlite' | 'postgres', pgUrl: string): Promise<{ store: DataStore; cleanup(): Promise<void> }> {
  const name = `ck_tally_${randomBytes(5).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    const store = openDataStore({ sqlitePath: file });
    return { store, cleanup: () => Promise.resolve(['', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true }))) };
  }
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const store = openDataStore({ databaseUrl: url.toString() });
  return {
    store,
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

export async function tallyBench(engines: readonly ('sqlite' | 'postgres')[], pgUrl: string, runs = 20): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const { households, casts } = generateCasts();
  // The pure tally over all 10,000 casts (it keeps one per household), without any database.
  const pure: number[] = [];
  const castRows = casts.map((c) => ({ household_id: c.household, choice: c.choice, receipt: c.receipt }));
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    tally(castRows, TALLY_HOUSEHOLDS);
    pure.push(performance.now() - t0);
  }
  rows.push({ engine: 'none (pure tally())', 'write 10,000 casts ms': '-', 'results median ms': round(median(pure)), 'results max ms': round(Math.max(...pure)), ballots: tally(castRows, TALLY_HOUSEHOLDS).ballots });
  for (const dialect of engines) {
    const { store, cleanup } = await engineStore(dialect, pgUrl);
    try {
      await migrate(store.db as never, dialect);
      const t0 = performance.now();
      await loadTallyFixture(store.db, households, casts, new Date());
      const writeMs = performance.now() - t0;
      const app = await buildApp({ store, config: { ...loadConfig({}), rateLimitPerMinute: 1e9, tokenSecret: 'bench-token-secret-0123456789abcdef0123' } });
      await app.ready();
      try {
        const times: number[] = [];
        let body: { ballots: number; counts: Record<Choice, number> } | undefined;
        for (let i = 0; i < runs + 3; i += 1) {
          const s = performance.now();
          const res = await app.inject({ method: 'GET', url: `/api/deliberation/motions/${TALLY_MOTION}/results` });
          const ms = performance.now() - s;
          if (res.statusCode !== 200) throw new Error(`results ${res.statusCode} ${res.body}`);
          body = JSON.parse(res.body) as typeof body;
          if (i >= 3) times.push(ms); // the first three warm up the route
        }
        rows.push({ engine: dialect, 'write 10,000 casts ms': Math.round(writeMs), 'results median ms': round(median(times)), 'results max ms': round(Math.max(...times)), ballots: body!.ballots, counts: JSON.stringify(body!.counts) });
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
      await cleanup();
    }
  }
  return rows;
}

// `tsx bench/tally.ts`: this benchmark alone (BENCH_ENGINES=sqlite for one engine).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
  const pgUrl = engines.includes('postgres') ? (process.env.PG_TEST_URL ?? execFileSync('bash', [path.resolve(root, '../../scripts/start-postgres.sh')], { encoding: 'utf8' }).trim().split('\n').pop()!) : '';
  console.log(`tally: ${TALLY_BALLOTS.toLocaleString('en')} ballots over ${TALLY_HOUSEHOLDS.toLocaleString('en')} households`);
  console.table(await tallyBench(engines, pgUrl));
}
