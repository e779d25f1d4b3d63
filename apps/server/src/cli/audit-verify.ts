import { verifyAuditChain } from '../audit/verify.js';
import { openConfigured } from './open.js';

/** `pnpm --filter @civic-kiosk/server audit:verify`: exits 1 when the audit chain is broken. */
const store = await openConfigured();
try {
  const report = await verifyAuditChain(store.db);
  if (report.ok) {
    console.log(`audit log OK: ${report.entries} entries, every chain intact`);
    // Recorded outside the database, the heads also reveal a removal of the newest entries.
    console.log(`chain heads: ${Object.entries(report.heads).map(([chain, hash]) => `${chain}:${hash.slice(0, 16)}`).join(' ')}`);
  }
  else console.error(`audit log BROKEN at entry ${report.broken!.id}: ${report.broken!.reason} (${report.entries} entries verified before it)`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await store.close();
}
