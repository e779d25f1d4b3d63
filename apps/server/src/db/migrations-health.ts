import { sql, type Kysely } from 'kysely';

/**
 * Migration 032 (issue 11, branch health): the "take it with you" setting of a
 * site and the single-use links that carry a summary to the visitor's phone.
 */
export async function healthV2(db: Kysely<unknown>): Promise<void> {
  // What a site's kiosk offers: 'print' the summary, a 'qr' code to a single-use link, or 'none'.
  // A table of its own (not a column of sites) so the sites row type stays the kiosk branch's; no row = 'qr'.
  await db.schema
    .createTable('health_site_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('take_away', 'text', (c) => c.notNull().check(sql`take_away IN ('print', 'qr', 'none')`))
    .execute();
  await db.schema
    .createTable('health_share_links')
    // The SHA-256 of the random code in the URL: the database never holds a usable link.
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .addColumn('used_ms', 'bigint')
    .execute();
}
