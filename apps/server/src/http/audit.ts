import type { Db, Tx } from '../db/database.js';

/** Appends one line to the audit log (the database refuses updates and deletes on it). */
export async function audit(db: Db | Tx, entry: { at: Date; actor: string; action: string; subject: string; detail?: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
