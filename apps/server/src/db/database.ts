import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './schema.js';
import { GroupCommit } from './group-commit.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DataStore {
  db: Db;
  dialect: DialectName;
  /** SQLite only: writes that arrive together share one durable commit (see group-commit.ts). */
  groupCommit?: GroupCommit;
  close(): Promise<void>;
}

// pg returns BIGINT (count(*), sum()) as strings; numbers that fit are what the API promises.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens SQLite (WAL, synchronous=FULL, so an acknowledged commit survives a crash) or PostgreSQL. */
export function openDataStore(options: { databaseUrl?: string; sqlitePath?: string; poolSize?: number }): DataStore {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (a PostgreSQL restart, a failover) is an 'error' event on the
    // pool: without a listener it would crash the process. The pool replaces the connection on the next query.
    pool.on('error', (error) => console.warn(`civic-kiosk server: a PostgreSQL connection was lost (${error.message}); it is replaced on the next query.`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqlitePath ?? './data/kiosk.sqlite';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', groupCommit: new GroupCommit(db), close: () => db.destroy() };
}

/** Unique-constraint violations from either engine, so rules can turn races into clear 409s. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export { sql };
