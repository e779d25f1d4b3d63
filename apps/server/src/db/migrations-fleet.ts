import type { Kysely } from 'kysely';

/**
 * Migration 021 (issue 14 item 7): what a heartbeat tells the fleet page beyond
 * "alive" — online or offline, writes waiting in the kiosk's queue, its last error.
 */
export async function fleetHeartbeats(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('heartbeats').addColumn('online', 'integer').execute();
  await db.schema.alterTable('heartbeats').addColumn('queued_writes', 'integer').execute();
  await db.schema.alterTable('heartbeats').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('heartbeats').addColumn('last_error_at', 'text').execute();
}
