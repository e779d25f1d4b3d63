import type { ServerConfig } from './config.js';
import type { DataStore } from './db/database.js';
import { rebaseDemo } from './db/seed/rebase.js';
import { seedIfEmpty } from './db/seed/index.js';
import { createEnrollmentCode, ensureDemoDevices, liveDemoDevices } from './http/device.js';

export class StartupRefused extends Error {}

export interface Prepared {
  seeded: boolean;
  rebasedDays: number;
  /** A fresh demo database: one enrollment URL per demo site, to print. */
  enrollments: { siteId: string; code: string; url: string }[];
}

/**
 * What happens to the database before the server listens. In production
 * (NODE_ENV=production) nothing is seeded, and the server refuses to start
 * with the demo seed, a live demo credential or DEMO_DEVICES=1. Elsewhere an
 * empty database gets the demo data and one enrollment code per demo site,
 * and a demo database is re-based to today.
 */
export async function prepareDatabase(store: DataStore, config: ServerConfig, now: Date): Promise<Prepared> {
  const { db } = store;
  if (config.production) {
    const problems: string[] = [];
    if (config.demoDevices) problems.push('DEMO_DEVICES=1 (the documented demo credentials would be accepted)');
    const seed = await db.selectFrom('settings').select('value').where('key', '=', 'seeded_at').executeTakeFirst();
    if (seed) problems.push(`the database holds the demo seed (seeded ${seed.value}); start production on a new database`);
    const demo = await liveDemoDevices(db);
    if (demo.length) problems.push(`live demo device credentials: ${demo.join(', ')} (revoke them with device:revoke)`);
    if (problems.length) throw new StartupRefused(`NODE_ENV=production: refusing to start with demo credentials or demo data:\n  - ${problems.join('\n  - ')}`);
    return { seeded: false, rebasedDays: 0, enrollments: [] };
  }
  const seeded = await seedIfEmpty(store, now);
  const rebasedDays = seeded ? 0 : await rebaseDemo(store, now);
  // A demo database made before devices existed gets its demo kiosks too.
  if (config.demoDevices) await ensureDemoDevices(db, now.getTime());
  const enrollments: Prepared['enrollments'] = [];
  if (seeded) {
    const sites = await db.selectFrom('sites').select('id').orderBy('id').execute();
    for (const site of sites) enrollments.push({ siteId: site.id, ...(await createEnrollmentCode(db, site.id, now.getTime(), config.publicUrl)) });
  }
  return { seeded, rebasedDays, enrollments };
}
