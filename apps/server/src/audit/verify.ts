import type { Db } from '../db/database.js';
import { entryHash, GENESIS } from './chain.js';

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry whose link or hash does not match, and why. */
  broken?: { id: number; reason: string };
}

/** Walks the audit log in id order and recomputes every link of the chain. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prev = GENESIS;
  let entries = 0;
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
    if (rows.length === 0) return { ok: true, entries };
    for (const row of rows) {
      if (row.prev_hash !== prev) return { ok: false, entries, broken: { id: row.id, reason: entries === 0 && row.prev_hash !== GENESIS ? 'the first entries are missing' : 'an entry before this one was removed or changed' } };
      if (row.hash !== entryHash(prev, row)) return { ok: false, entries, broken: { id: row.id, reason: 'this entry was changed' } };
      prev = row.hash;
      entries += 1;
      after = row.id;
    }
  }
}
