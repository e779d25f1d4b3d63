import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry of the chain. */
export const GENESIS = '0'.repeat(64);

export interface ChainedFields {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
  device_id: string | null;
}

/**
 * An entry's hash covers its content and the previous entry's hash, so removing
 * or editing any row breaks every link after it (`pnpm audit:verify` finds the
 * first). The id is left out: PostgreSQL assigns it at insert time.
 */
export function entryHash(prev: string, e: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.actor, e.action, e.subject, e.detail, e.device_id]))
    .digest('hex');
}
