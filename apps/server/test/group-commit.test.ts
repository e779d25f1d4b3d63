import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { isUniqueViolation, type DataStore, type Db, type Tx } from '../src/db/database.js';
import { sha256 } from '../src/http/device.js';
import { cloneDatabase, DEVICE, dialect } from './helpers.js';

/**
 * GroupCommit (src/db/group-commit.ts) against a real database file. On SQLite the writes go
 * through the store's GroupCommit, as idempotency.ts sends them; on PostgreSQL there is none and
 * each write runs in a transaction of its own (idempotency.ts's other branch), which is what these
 * tests assert there. Only what was committed is counted: a new connection to the file (or the
 * PostgreSQL database) is opened for every count.
 */
let store: DataStore;
let file: string | undefined;
let url: string | undefined;
let drop: () => Promise<void>;

before(async () => {
  ({ store, file, url, drop } = await cloneDatabase());
  await sql`create table gc_parent (id integer primary key)`.execute(store.db);
  // The deferred foreign key is checked at COMMIT only: how a test makes a COMMIT fail.
  await sql`create table gc_probe (label text primary key, parent_id integer references gc_parent (id) deferrable initially deferred)`.execute(store.db);
});
after(async () => {
  await store.close();
  await drop();
});

const sqlite = dialect === 'sqlite';
const pad = (i: number) => String(i).padStart(3, '0');

function insert(q: Db, label: string, parentId: number | null = null) {
  return sql`insert into gc_probe (label, parent_id) values (${label}, ${parentId})`.execute(q);
}

/** Labels starting with `prefix` as `q` (a transaction) sees them, committed or not. */
async function visible(q: Tx, prefix: string): Promise<string[]> {
  const { rows } = await sql<{ label: string }>`select label from gc_probe where label like ${`${prefix}%`} order by label`.execute(q);
  return rows.map((r) => r.label);
}

/** Runs a query (`?` placeholders) on a new connection to the database: it sees only what was committed. */
async function fresh<T>(text: string, ...params: unknown[]): Promise<T[]> {
  if (file) {
    const db = new SqliteDatabase(file);
    try {
      return db.prepare(text).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Labels starting with `prefix` that are committed. */
async function committed(prefix: string): Promise<string[]> {
  return (await fresh<{ label: string }>('select label from gc_probe where label like ? order by label', `${prefix}%`)).map((r) => r.label);
}

/**
 * One write the way idempotency.ts runs it on this engine: in the shared commit on SQLite; on
 * PostgreSQL in its own transaction, with `recover` (storing the refusal) after it was rolled back.
 */
function write<T>(work: (tx: Tx) => Promise<T>, recover?: (tx: Tx, error: unknown) => Promise<T>): Promise<T> {
  if (store.groupCommit) return store.groupCommit.run(work, recover);
  return store.db.transaction().execute(work).catch((error: unknown) => {
    if (!recover) throw error;
    return store.db.transaction().execute((tx) => recover(tx, error));
  });
}

/** Counts the transactions begun on the store from now on (GroupCommit begins one per batch). */
function countTransactions(ctx: TestContext): () => number {
  const spy = ctx.mock.method(store.db, 'transaction');
  return () => spy.mock.callCount();
}

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
const options = { timeout: 30_000 };

describe('group commit (SQLite) / a transaction per write (PostgreSQL)', () => {
  it('commits writes that arrive together in one transaction, all durable before any is answered', options, async (ctx) => {
    assert.equal(store.groupCommit !== undefined, sqlite, 'group commit on SQLite only');
    const transactions = countTransactions(ctx);
    const n = 10;
    const seenOutside: number[] = [];
    const writes = Array.from({ length: n }, (_, i) =>
      write(async (tx) => {
        await insert(tx, `t1-${pad(i)}`);
        seenOutside.push((await committed('t1-')).length);
        return i;
      }),
    );
    // What a new connection sees at the moment each write is answered.
    const atAnswer = await Promise.all(writes.map((w) => w.then(async (i) => ({ i, rows: await committed('t1-') }))));
    assert.deepEqual(
      atAnswer.map((a) => a.i),
      Array.from({ length: n }, (_, i) => i),
    );
    for (const { i, rows } of atAnswer) assert.ok(rows.includes(`t1-${pad(i)}`), `write ${i} was answered before it was durable`);
    assert.equal((await committed('t1-')).length, n);
    if (sqlite) {
      assert.equal(transactions(), 1, 'one shared transaction');
      assert.deepEqual(seenOutside, Array<number>(n).fill(0), 'nothing is committed while the batch runs');
      for (const { rows } of atAnswer) assert.equal(rows.length, n, 'one COMMIT made every write of the batch durable');
    } else {
      assert.equal(transactions(), n, 'one transaction per write');
    }
  });

  it('undoes only the write that throws; it rejects with its own error, and recover runs in the same transaction and is stored', options, async (ctx) => {
    await insert(store.db, 't2-dup');
    const transactions = countTransactions(ctx);
    let thrown: unknown;
    const refusal = new Error('refused by a rule');
    const recoverFailure = new Error('recover failed too');
    let recoverSaw: { inside: string[]; outside: string[] } | undefined;
    const results = await settle<unknown>([
      write(async (tx) => insert(tx, 't2-0')),
      write(async (tx) => insert(tx, 't2-1')),
      // A real failing statement in the middle of the batch (the primary key is taken), after a row of its own.
      write(async (tx) => {
        await insert(tx, 't2-2');
        try {
          await insert(tx, 't2-dup');
        } catch (error) {
          thrown = error;
          throw error;
        }
      }),
      write(
        async (tx) => {
          await insert(tx, 't2-3');
          throw refusal;
        },
        async (tx, error) => {
          assert.equal(error, refusal);
          recoverSaw = { inside: await visible(tx, 't2-'), outside: await committed('t2-') };
          await insert(tx, 't2-3r');
          return 'stored refusal';
        },
      ),
      write(
        async (tx) => {
          await insert(tx, 't2-4');
          throw refusal;
        },
        async (tx) => {
          await insert(tx, 't2-4r');
          throw recoverFailure;
        },
      ),
      write(async (tx) => insert(tx, 't2-5')),
    ]);

    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.ok(thrown !== undefined && isUniqueViolation(thrown), `a unique violation, got ${String(thrown)}`);
    assert.equal((results[2] as PromiseRejectedResult).reason, thrown, 'the failed write rejects with its own error');
    assert.equal((results[3] as PromiseFulfilledResult<unknown>).value, 'stored refusal', 'what recover returns is the outcome');
    assert.equal((results[4] as PromiseRejectedResult).reason, recoverFailure, 'what recover throws is the outcome');
    assert.deepEqual(await committed('t2-'), ['t2-0', 't2-1', 't2-3r', 't2-5', 't2-dup'], 'only the failed writes (and the failed recover) left nothing');
    if (sqlite) {
      assert.equal(transactions(), 1, 'the whole batch, recovers included, is one transaction');
      // recover runs after its write was undone, in the still open transaction: it sees the earlier writes, nothing is committed yet.
      assert.deepEqual(recoverSaw, { inside: ['t2-0', 't2-1', 't2-dup'], outside: ['t2-dup'] });
    } else {
      assert.equal(transactions(), 6 + 2, 'one transaction per write, and one per recover after the rollback');
      assert.ok(recoverSaw && !recoverSaw.inside.includes('t2-3'));
    }
  });

  it('runs the writes of a batch in order: a later write sees the rows of the earlier ones', options, async (ctx) => {
    const transactions = countTransactions(ctx);
    if (sqlite) {
      const n = 20;
      const answered: number[] = [];
      const seen = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          write(async (tx) => {
            const before = await visible(tx, 't3-');
            await insert(tx, `t3-${pad(i)}`);
            return before;
          }).then((rows) => {
            answered.push(i);
            return rows;
          }),
        ),
      );
      seen.forEach((rows, i) => assert.deepEqual(rows, Array.from({ length: i }, (_, j) => `t3-${pad(j)}`), `write ${i} sees exactly the ${i} before it`));
      assert.deepEqual(answered, Array.from({ length: n }, (_, i) => i), 'answered in order');
      assert.equal(transactions(), 1);
      return;
    }
    // PostgreSQL: no shared transaction, so a write does not see another one's uncommitted row.
    let inserted!: () => void;
    let release!: () => void;
    const aInserted = new Promise<void>((r) => (inserted = r));
    // (Released by b, or after 2 s should b be queued behind a: then b sees a's row and the test fails instead of hanging.)
    const aMayCommit = new Promise<void>((r) => {
      release = r;
      setTimeout(r, 2000).unref();
    });
    const a = write(async (tx) => {
      await insert(tx, 't3-a');
      inserted();
      await aMayCommit;
    });
    await aInserted;
    const b = write(async (tx) => {
      const rows = await visible(tx, 't3-');
      await insert(tx, 't3-b');
      release();
      return rows;
    });
    const [, seenByB] = await Promise.all([a, b]);
    assert.deepEqual(seenByB, [], 'each write in its own transaction');
    assert.deepEqual(await committed('t3-'), ['t3-a', 't3-b']);
    assert.equal(transactions(), 2);
  });

  it('rejects every write of a batch whose COMMIT fails, and applies none of them', options, async (ctx) => {
    await sql`insert into gc_parent (id) values (1)`.execute(store.db);
    const transactions = countTransactions(ctx);
    // Each statement succeeds; the dangling reference is only refused by the deferred check at COMMIT.
    const results = await settle([
      write(async (tx) => insert(tx, 't4-0', 1)),
      write(async (tx) => insert(tx, 't4-1', 999)),
      write(async (tx) => insert(tx, 't4-2', 1)),
    ]);
    if (sqlite) {
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected', 'rejected'],
      );
      const reasons = results.map((r) => (r as PromiseRejectedResult).reason as { code?: string });
      assert.equal(reasons[0]!.code, 'SQLITE_CONSTRAINT_FOREIGNKEY');
      assert.ok(reasons.every((e) => e === reasons[0]), 'all with the COMMIT error');
      assert.deepEqual(await committed('t4-'), [], 'none applied');
      assert.equal(transactions(), 1);
    } else {
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
        'only the write whose own COMMIT fails',
      );
      assert.equal(((results[1] as PromiseRejectedResult).reason as { code?: string }).code, '23503');
      assert.deepEqual(await committed('t4-'), ['t4-0', 't4-2']);
      assert.equal(transactions(), 3);
    }
    // The next writes commit normally.
    await Promise.all([write(async (tx) => insert(tx, 't4-after-0', 1)), write(async (tx) => insert(tx, 't4-after-1'))]);
    assert.deepEqual(await committed('t4-after-'), ['t4-after-0', 't4-after-1']);
  });

  it('splits more than 64 queued writes into batches of at most 64 and completes them all', options, async (ctx) => {
    const transactions = countTransactions(ctx);
    const n = 150;
    const batchOf: number[] = [];
    const done = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        write(async (tx) => {
          batchOf[i] = transactions();
          await insert(tx, `t5-${pad(i)}`);
          return i;
        }),
      ),
    );
    assert.deepEqual(done, Array.from({ length: n }, (_, i) => i));
    assert.equal((await committed('t5-')).length, n);
    if (sqlite) {
      const sizes = new Map<number, number>();
      for (const b of batchOf) sizes.set(b, (sizes.get(b) ?? 0) + 1);
      assert.deepEqual([...sizes.entries()], [
        [1, 64],
        [2, 64],
        [3, 22],
      ]);
      assert.equal(transactions(), 3);
    } else {
      assert.equal(transactions(), n);
    }
  });

  it('answers concurrent API writes from one shared commit on SQLite and a transaction each on PostgreSQL, refusals stored', options, async (ctx) => {
    const app = await buildApp({ store, config: { ...loadConfig({}), rateLimitPerMinute: 100_000 } });
    try {
      await app.ready();
      const transactions = countTransactions(ctx);
      const n = 12;
      const stamp = Date.now();
      const keys = Array.from({ length: n }, (_, i) => `gc-api-${stamp}-${i}`);
      // A heartbeat only writes its own device's row, so each write comes from its own enrolled kiosk.
      await store.db
        .insertInto('devices')
        .values(keys.map((_, i) => ({ id: `gc-api-${i}`, site_id: 'xikou-hall', secret_hash: sha256('gc-secret-1'), label: null, created_ms: stamp, revoked_ms: null })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const answers = await Promise.all(
        keys.map((key, i) =>
          // The sixth write is refused inside its transaction (an unknown barcode): the refusal is stored too.
          i === 5
            ? app.inject({ method: 'POST', url: '/api/library/checkin', headers: { ...DEVICE, 'idempotency-key': key }, payload: { barcode: 'ZZ999999' } })
            : app.inject({
                method: 'POST',
                url: '/api/kiosk/heartbeat',
                headers: { 'x-device-key': `ckd_gc-api-${i}.gc-secret-1`, 'idempotency-key': key },
                payload: { version: '1.0.0', uptimeSeconds: i },
              }),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        keys.map((_, i) => (i === 5 ? 404 : 200)),
      );
      if (sqlite) assert.ok(transactions() < n, `writes arriving together share commits (${transactions()} transactions for ${n} writes)`);
      else assert.equal(transactions(), n, 'one transaction per write');
      const beats = await fresh<{ device_id: string }>("select device_id from heartbeats where device_id like 'gc-api-%'");
      assert.equal(beats.length, n - 1);
      const stored = await fresh<{ key: string; status: number }>(`select key, status from idempotency where key like ? order by key`, `gc-api-${stamp}-%`);
      assert.equal(stored.length, n, 'every answer, the refusal included, is stored');
      assert.equal(stored.find((s) => s.key === keys[5])?.status, 404);
    } finally {
      await app.close();
    }
  });
});
