import { sql } from 'kysely';
import type { Db, Tx } from './database.js';

/** What one write in a shared commit ended with: its value, or the error it threw (its changes undone). */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Job {
  work(tx: Tx): Promise<unknown>;
  recover: ((tx: Tx, error: unknown) => Promise<unknown>) | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs `fn` in a savepoint: kept when it returns, undone (and only it) when it throws. */
async function attempt<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<WriteOutcome<T>> {
  await sql`savepoint group_write`.execute(tx);
  try {
    const value = await fn(tx);
    await sql`release savepoint group_write`.execute(tx);
    return { ok: true, value };
  } catch (error) {
    // A failed statement leaves an SQLite transaction open; undo just this write. (Should the
    // engine have rolled back the whole transaction, this throws and the batch fails as one.)
    await sql`rollback to savepoint group_write`.execute(tx);
    await sql`release savepoint group_write`.execute(tx);
    return { ok: false, error };
  }
}

/** Upper bound on the writes that share one commit, so one commit never waits on a long queue. */
const MAX_BATCH = 64;

/**
 * Group commit for SQLite. With `synchronous=FULL` every COMMIT waits for an
 * fsync (2–7 ms on the benchmark machine) and SQLite has one writer, so
 * committing each write on its own caps a server at a few hundred writes per
 * second however little each write does. Here the writes that arrive while a
 * commit is in progress share the next one: one transaction, each write in its
 * own SAVEPOINT (a write that fails is rolled back to its savepoint and leaves
 * no trace), one COMMIT, and only then is any of them answered. Every write is
 * still atomic with its idempotency record and audit rows, runs after the ones
 * queued before it and sees their effects (the same serial order SQLite's single
 * writer gives), and is acknowledged only once it is durable. If the COMMIT
 * itself fails, every write of the batch fails and none was applied.
 *
 * PostgreSQL does not need this: each request has its own connection and the
 * server already flushes concurrent commits with one WAL write.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /**
   * Runs `work` inside the next shared transaction; resolves or rejects once that transaction has
   * committed. When `work` throws, its changes are undone and `recover` (if given) runs in the same
   * transaction with the error, e.g. to store a refusal; what it returns or throws is the outcome.
   */
  run<T>(work: (tx: Tx) => Promise<T>, recover?: (tx: Tx, error: unknown) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, recover, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests already read from the sockets reach the queue first.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = await this.db.transaction().execute(async (tx) => {
        const results: WriteOutcome<unknown>[] = [];
        for (const job of batch) {
          let outcome = await attempt(tx, job.work);
          const recover = job.recover;
          if (!outcome.ok && recover) {
            const error = outcome.error;
            outcome = await attempt(tx, (t) => recover(t, error));
          }
          results.push(outcome);
        }
        return results;
      });
      batch.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}
