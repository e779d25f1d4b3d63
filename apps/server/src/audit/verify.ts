import type { Db } from '../db/database.js';
import { entryHash, GENESIS } from './chain.js';

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry whose link or hash does not match, and why. */
  broken?: { id: number; reason: string };
  /** The newest hash of each chain: keep a copy elsewhere, and a later removal of the newest entries shows too. */
  heads: Record<number, string>;
}

/** Walks the audit log in id order and recomputes every link of every chain. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  const last = new Map<number, string>();
  let entries = 0;
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
    if (rows.length === 0) return { ok: true, entries, heads: Object.fromEntries(last) };
    for (const row of rows) {
      if (row.chain === null || row.hash === null) return { ok: false, entries, heads: Object.fromEntries(last), broken: { id: row.id, reason: 'this entry is outside the chain' } };
      const prev = last.get(row.chain) ?? GENESIS;
      if (row.prev_hash !== prev) return { ok: false, entries, heads: Object.fromEntries(last), broken: { id: row.id, reason: prev === GENESIS ? 'the first entries of its chain are missing' : 'an entry before this one in its chain was removed or changed' } };
      if (row.hash !== entryHash(prev, row)) return { ok: false, entries, heads: Object.fromEntries(last), broken: { id: row.id, reason: 'this entry was changed' } };
      last.set(row.chain, row.hash);
      entries += 1;
      after = row.id;
    }
  }
}
