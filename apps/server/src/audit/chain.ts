import { createHash } from 'node:crypto';
import type { Database } from '../db/schema.js';

/** The `prev_hash` of the first entry of each chain. */
export const GENESIS = '0'.repeat(64);

/**
 * The log is CHAINS interleaved hash chains, each entry in one of them. One
 * chain would make every audited transaction (a ballot, a FHIR read) wait for
 * the previous one to commit, serializing commits fleet-wide (measured: ballots
 * on PostgreSQL fell from ~215 to ~45 per second); with sixteen, appends rarely
 * wait. A removed or edited row still breaks its chain.
 */
export const CHAINS = 16;

/** What an entry's hash covers: the audit row without its id and hashes. */
export type ChainedFields = Pick<Database['audit_log'], 'at' | 'actor' | 'action' | 'subject' | 'detail' | 'device_id' | 'chain'>;

/**
 * An entry's hash covers its content and the previous entry's hash, so removing
 * or editing any row breaks every link after it in its chain (`pnpm audit:verify`
 * finds the first). The id is left out: PostgreSQL assigns it at insert time.
 */
export function entryHash(prev: string, e: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.chain, e.at, e.actor, e.action, e.subject, e.detail, e.device_id]))
    .digest('hex');
}
