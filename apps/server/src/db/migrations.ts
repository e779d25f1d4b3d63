import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './database.js';
import { authHardening } from './migrations-auth.js';
import { fleetHeartbeats } from './migrations-fleet.js';
import { libraryV2 } from './migrations-library.js';
import { healthV2 } from './migrations-health.js';

/**
 * The schema, written once with Kysely's builder for both engines. The only
 * dialect differences are the auto-increment column type and the trigger
 * syntax that makes the audit log append-only.
 */
function migrations(dialect: DialectName): Record<string, Migration> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  const autoId = (db: Kysely<unknown>, table: string) => {
    const builder = db.schema.createTable(table);
    return dialect === 'postgres'
      ? builder.addColumn('id', 'serial', (c) => c.primaryKey())
      : builder.addColumn('id', serial, (c) => c.primaryKey().autoIncrement());
  };

  return {
    '001_core': {
      async up(db) {
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('stations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name_zh', 'text', (c) => c.notNull())
          .addColumn('name_en', 'text', (c) => c.notNull())
          .addColumn('city', 'text', (c) => c.notNull())
          .addColumn('lon', 'double precision', (c) => c.notNull())
          .addColumn('lat', 'double precision', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('official_name', 'text', (c) => c.notNull())
          .addColumn('official_phone', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('households')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('community', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('residents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('card_number', 'text', (c) => c.notNull().unique())
          .addColumn('birth_date', 'text', (c) => c.notNull())
          .addColumn('gender', 'text', (c) => c.notNull())
          .addColumn('pin_hash', 'text')
          .addColumn('failed_pins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'text')
          .addColumn('patient_id', 'text')
          .execute();
        await db.schema
          .createTable('sites')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name_zh', 'text', (c) => c.notNull())
          .addColumn('name_en', 'text', (c) => c.notNull())
          .addColumn('lon', 'double precision', (c) => c.notNull())
          .addColumn('lat', 'double precision', (c) => c.notNull())
          .addColumn('services', 'text', (c) => c.notNull())
          .addColumn('official_name', 'text', (c) => c.notNull())
          .addColumn('official_phone', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('heartbeats')
          .addColumn('device_id', 'text', (c) => c.primaryKey())
          .addColumn('site_id', 'text')
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('uptime_s', 'integer', (c) => c.notNull())
          .addColumn('last_interaction_at', 'text')
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('idempotency')
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('status', 'integer', (c) => c.notNull())
          .addColumn('response', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key'])
          .execute();
        await autoId(db, 'audit_log')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        // Append-only enforced by the database itself, not only by the code that writes it.
        if (dialect === 'postgres') {
          await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        }
        // A fresh per-database secret signs tokens, so every instance of a fleet shares it.
        await db
          .insertInto('settings' as never)
          .values({ key: 'token_secret', value: randomBytes(32).toString('base64url') } as never)
          .execute();
      },
    },
    '002_deliberation': {
      async up(db) {
        await db.schema
          .createTable('topics')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('community', 'text', (c) => c.notNull())
          .addColumn('title_zh', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('summary_zh', 'text', (c) => c.notNull())
          .addColumn('summary_en', 'text', (c) => c.notNull())
          .addColumn('figures', 'text', (c) => c.notNull())
          .addColumn('official_answer_zh', 'text')
          .addColumn('official_answer_en', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('proposals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
          .addColumn('title_zh', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('body_zh', 'text', (c) => c.notNull())
          .addColumn('body_en', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('supports')
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
          .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('supports_pk', ['proposal_id', 'resident_id'])
          .execute();
        await db.schema
          .createTable('comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
          .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('meetings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
          .addColumn('starts_at', 'text', (c) => c.notNull())
          .addColumn('place_zh', 'text', (c) => c.notNull())
          .addColumn('place_en', 'text', (c) => c.notNull())
          .addColumn('agenda', 'text', (c) => c.notNull())
          .addColumn('minutes_zh', 'text')
          .addColumn('minutes_en', 'text')
          .execute();
        await db.schema
          .createTable('motions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
          .addColumn('meeting_id', 'text')
          .addColumn('title_zh', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('opens_at', 'text', (c) => c.notNull())
          .addColumn('closes_at', 'text', (c) => c.notNull())
          .execute();
        // The primary key is the rule: one ballot per household per motion.
        await db.schema
          .createTable('ballots')
          .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
          .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
          .addColumn('resident_id', 'text', (c) => c.notNull())
          .addColumn('choice', 'text', (c) => c.notNull())
          .addColumn('receipt', 'text', (c) => c.notNull().unique())
          .addColumn('cast_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('ballots_pk', ['motion_id', 'household_id'])
          .execute();
        await db.schema
          .createTable('progress')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
          .addColumn('title_zh', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '003_health': {
      async up(db) {
        await db.schema
          .createTable('fhir_resources')
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('patient_id', 'text', (c) => c.notNull())
          .addColumn('code', 'text')
          .addColumn('effective', 'text')
          .addColumn('resource', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('fhir_resources_pk', ['type', 'id'])
          .execute();
        await db.schema
          .createIndex('fhir_by_patient')
          .on('fhir_resources')
          .columns(['patient_id', 'type', 'code', 'effective'])
          .execute();
      },
    },
    '004_library': {
      async up(db) {
        await db.schema
          .createTable('library_items')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('barcode', 'text', (c) => c.notNull().unique())
          .addColumn('isbn', 'text', (c) => c.notNull())
          .addColumn('title_zh', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('initials', 'text', (c) => c.notNull())
          .addColumn('call_number', 'text', (c) => c.notNull())
          .addColumn('loanable', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('library_items_isbn').on('library_items').column('isbn').execute();
        await db.schema
          .createTable('patrons')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('card_number', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('pin_hash', 'text')
          .addColumn('failed_pins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'text')
          .addColumn('expires_on', 'text', (c) => c.notNull())
          .addColumn('max_loans', 'integer', (c) => c.notNull())
          .execute();
        await autoId(db, 'loans')
          .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id'))
          .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
          .addColumn('checked_out_at', 'text', (c) => c.notNull())
          .addColumn('due_at', 'text', (c) => c.notNull())
          .addColumn('returned_at', 'text')
          .addColumn('renewals', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // An item can be on one open loan at a time, even when two kiosks race.
        await db.schema
          .createIndex('loans_one_open_per_item')
          .on('loans')
          .column('item_id')
          .unique()
          .where(sql.ref('returned_at'), 'is', null)
          .execute();
        await db.schema.createIndex('loans_by_patron').on('loans').columns(['patron_id', 'returned_at']).execute();
        await autoId(db, 'holds')
          .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id'))
          .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
          .addColumn('placed_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('holds_by_item').on('holds').columns(['item_id', 'status']).execute();
        await autoId(db, 'fines')
          .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
          .addColumn('amount_cents', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('paid_at', 'text')
          .execute();
      },
    },
    '005_site_settings': {
      async up(db) {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        await db.schema.alterTable('sites').addColumn('station_id', 'text').execute();
        await db.schema.alterTable('sites').addColumn('default_locale', 'text', (c) => c.notNull().defaultTo('zh-CN')).execute();
        await db.schema.alterTable('sites').addColumn('idle_seconds', 'integer', (c) => c.notNull().defaultTo(90)).execute();
        await db.schema.alterTable('sites').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai')).execute();
        // A database seeded before this migration: a site named like a station is that station.
        await sql`UPDATE sites SET station_id = (SELECT s.id FROM stations s WHERE s.name_zh = sites.name_zh ORDER BY s.id LIMIT 1)`.execute(db);
      },
    },
    '006_auth_hardening': {
      async up(db) {
        await authHardening(db, dialect);
      },
    },
    '021_fleet_heartbeats': {
      async up(db) {
        await fleetHeartbeats(db);
      },
    },
    // Numbered apart from the other hardening migrations so the two branches' entries never collide.
    '020_devices_rate_limits': {
      async up(db) {
        // Times in these tables are epoch milliseconds, so every comparison is between instants.
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('label', 'text')
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addColumn('revoked_ms', 'bigint')
          .execute();
        await db.schema
          .createTable('enrollment_codes')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addColumn('expires_ms', 'bigint', (c) => c.notNull())
          .addColumn('used_ms', 'bigint')
          .addColumn('device_id', 'text')
          .execute();
        // The rate-limit counters every server instance on one PostgreSQL shares.
        await db.schema
          .createTable('rate_limits')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('hits', 'integer', (c) => c.notNull())
          .addColumn('reset_ms', 'bigint', (c) => c.notNull())
          .execute();
        // Counters need no crash safety: unlogged, an upsert writes no WAL and its commit waits for no fsync.
        if (dialect === 'postgres') await sql`ALTER TABLE rate_limits SET UNLOGGED`.execute(db);
        // Idempotency records expire after 24 h: the sweep finds them by age.
        await db.schema.alterTable('idempotency').addColumn('created_ms', 'bigint').execute();
        await db.schema.createIndex('idempotency_by_age').on('idempotency').column('created_ms').execute();
      },
    },
    '030_deliberation_v2': { up: async (db) => (await import('./migrations-deliberation.js')).deliberationV2(db) },
    '031_library_v2': { up: (db) => libraryV2(db) },
    '032_health_v2': { up: (db) => healthV2(db) },
  };
}

class InlineProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

export async function migrate(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: new InlineProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}
