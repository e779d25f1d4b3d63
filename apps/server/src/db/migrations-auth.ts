import { sql, type Kysely } from 'kysely';
import { entryHash, GENESIS } from '../audit/chain.js';
import type { DialectName } from './database.js';

/**
 * Migration 006 (issue 9, part A): sign-in reservations, phantom counters for
 * unknown logins, per-device failure counts, sessions, staff, the audit chain;
 * and the token secret leaves the database (it now lives in the environment or a key file).
 */
export async function authHardening(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const reservationColumns = ['next_attempt_at', 'signin_token', 'signin_until'];
  for (const table of ['residents', 'patrons']) {
    for (const column of reservationColumns) await db.schema.alterTable(table).addColumn(column, 'text').execute();
  }
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'site-admin')`))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_pins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('signin_token', 'text')
    .addColumn('signin_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('signin_phantoms')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('failed_pins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('signin_token', 'text')
    .addColumn('signin_until', 'text')
    .addPrimaryKeyConstraint('signin_phantoms_pk', ['kind', 'login'])
    .execute();
  const failures = db.schema.createTable('signin_failures');
  await (dialect === 'postgres' ? failures.addColumn('id', 'serial', (c) => c.primaryKey()) : failures.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signin_failures_by_device').on('signin_failures').columns(['device_id', 'at']).execute();
  await db.schema
    .createTable('signin_devices')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('throttled_until', 'text')
    .addColumn('alerted_at', 'text')
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_by_subject').on('sessions').columns(['subject', 'revoked_at']).execute();

  for (const column of ['device_id', 'prev_hash', 'hash']) await db.schema.alterTable('audit_log').addColumn(column, 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('chain', 'integer').execute();
  await db.schema.createIndex('audit_log_by_chain').on('audit_log').columns(['chain', 'id']).execute();
  await chainExistingEntries(db, dialect);
  if (dialect === 'postgres') {
    // Row triggers do not see TRUNCATE; this one does.
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  }
  await sql`DELETE FROM settings WHERE key = 'token_secret'`.execute(db);
}

/** Entries written before this migration join the chain, in id order; the append-only triggers are lifted for this one pass. */
async function chainExistingEntries(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const rows = (await sql<{ id: number; at: string; actor: string; action: string; subject: string; detail: string }>`SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id`.execute(db)).rows;
  if (rows.length === 0) return;
  if (dialect === 'postgres') await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
  else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  }
  let prev = GENESIS;
  for (const row of rows) {
    const hash = entryHash(prev, { ...row, device_id: null, chain: 0 });
    await sql`UPDATE audit_log SET chain = 0, prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`.execute(db);
    prev = hash;
  }
  if (dialect === 'postgres') await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
  else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}
