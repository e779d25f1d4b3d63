import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { CHAINS, entryHash, GENESIS } from '../audit/chain.js';
import { currentDeviceId } from './request-context.js';

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
  /** Defaults to the device of the request being served. */
  deviceId?: string | null;
}

// Any fixed number: with the chain number, the PostgreSQL advisory lock that orders appends to a chain across instances.
const CHAIN_LOCK = 7_270_913;

/**
 * Appends one line to the audit log (the database refuses updates, deletes and,
 * on PostgreSQL, TRUNCATE). Appends to a chain are serialized so each entry links
 * to the one before it: on PostgreSQL by a transaction-scoped advisory lock per
 * chain, on SQLite by taking the write lock first (BEGIN IMMEDIATE) or by the
 * caller's transaction.
 */
export async function audit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const fields = {
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detail: JSON.stringify(entry.detail ?? {}),
    device_id: entry.deviceId === undefined ? currentDeviceId() : entry.deviceId,
  };
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (db.isTransaction) return append(db, fields, postgres);
  if (postgres) return db.transaction().execute((tx) => append(tx, fields, true));
  await db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      await append(conn, fields, false);
      await sql`COMMIT`.execute(conn);
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

async function append(db: Db | Tx, fields: Omit<Parameters<typeof entryHash>[1], 'chain'>, postgres: boolean): Promise<void> {
  // SQLite has one writer anyway: one chain. PostgreSQL: any of CHAINS, each ordered by its own lock.
  const chain = postgres ? Math.floor(Math.random() * CHAINS) : 0;
  if (postgres) await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}, ${chain})`.execute(db);
  const last = await db.selectFrom('audit_log').select('hash').where('chain', '=', chain).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const entry = { ...fields, chain };
  await db.insertInto('audit_log').values({ ...entry, prev_hash: prev, hash: entryHash(prev, entry) }).execute();
}
