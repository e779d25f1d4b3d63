import type { Kysely } from 'kysely';

/**
 * Migration 031 (issue 12, branch library-server): ready-for-pickup holds with a shelf deadline and a sort
 * bin, who marked a fine paid, and the per-site library policy (may a card scan alone sign a patron in).
 */
export async function libraryV2(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('holds').addColumn('ready_until', 'text').execute();
  await db.schema.alterTable('holds').addColumn('shelf_bin', 'text').execute();
  await db.schema.alterTable('fines').addColumn('paid_by', 'text').execute();
  await db.schema.createIndex('holds_by_patron').on('holds').columns(['patron_id', 'status']).execute();
  await db.schema.createIndex('fines_by_patron').on('fines').columns(['patron_id', 'paid_at']).execute();
  await db.schema
    .createTable('library_site_policy')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    // 1: a card scan alone signs a patron in at this site; 0: the PIN is asked (the default everywhere).
    .addColumn('scan_alone_signin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
