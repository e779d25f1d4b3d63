import type { DataStore, Tx } from '../database.js';
import type { Database } from '../schema.js';
import { seedDay } from './rebase.js';
import { DEMO_SECRET } from '../../config.js';
import { sha256 } from '../../http/device.js';
import { hashPin } from '../../identity/pin.js';
import { seedHealth } from './health.js';
import { seedLibrary } from './library.js';
import { seedParking } from './parking.js';
import { seedStations } from './stations.js';
import { DEMO_PIN, seedSites, seedVillage } from './village.js';

async function insertAll<T extends keyof Database>(tx: Tx, table: T, rows: readonly object[]): Promise<void> {
  // Chunks keep every statement under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 200) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
  }
}

/** Hashes in parallel on libuv's pool: scrypt is deliberately slow, one at a time would take seconds more. */
async function hashAll(count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i += 8) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(8, count - i) }, () => hashPin(DEMO_PIN)))));
  }
  return out;
}

/**
 * Writes the demo data once, in one transaction, the first time a database
 * starts. Content is a function of `now` (the day the database was created);
 * `rebaseDemo` (rebase.ts) moves it to the day of every later start, so dates
 * like "overdue" and "motion open" stay meaningful.
 */
export async function seedIfEmpty(store: DataStore, now: Date): Promise<boolean> {
  const { db } = store;
  const done = await db.selectFrom('settings').select('value').where('key', '=', 'seeded_at').executeTakeFirst();
  if (done) return false;

  const day = seedDay(now);
  const village = seedVillage();
  const parking = seedParking(village, day);
  const library = seedLibrary(day);
  const pinned = village.residents.filter((r) => r.pinned);
  const hashes = await hashAll(pinned.length + library.patrons.length);
  const pinHash = new Map(pinned.map((r, i) => [r.id, hashes[i]!]));

  await db.transaction().execute(async (tx) => {
    const stations = seedStations(day.toISOString());
    await insertAll(tx, 'stations', stations);
    const sites = seedSites(stations);
    await insertAll(tx, 'sites', sites);
    // The documented demo kiosks, one per site (`ckd_demo-<siteId>.demo-secret`; accepted only with DEMO_DEVICES=1).
    await insertAll(tx, 'devices', sites.map((site) => ({ id: `demo-${site.id}`, site_id: site.id, secret_hash: sha256(DEMO_SECRET), label: 'demo', created_ms: now.getTime(), revoked_ms: null })));
    await insertAll(tx, 'households', village.households);
    await insertAll(
      tx,
      'residents',
      village.residents.map(({ head: _head, pinned: _pinned, ...r }) => ({ ...r, pin_hash: pinHash.get(r.id) ?? null })),
    );
    await insertAll(tx, 'topics', parking.topics);
    await insertAll(tx, 'proposals', parking.proposals);
    await insertAll(tx, 'supports', parking.supports);
    await insertAll(tx, 'comments', parking.comments);
    await insertAll(tx, 'meetings', parking.meetings);
    await insertAll(tx, 'motions', parking.motions);
    await insertAll(tx, 'ballots', parking.ballots);
    await insertAll(tx, 'progress', parking.progress);
    await insertAll(tx, 'fhir_resources', seedHealth(village, day));
    await insertAll(tx, 'library_items', library.items);
    await insertAll(
      tx,
      'patrons',
      library.patrons.map((p, i) => ({ ...p, pin_hash: hashes[pinned.length + i]! })),
    );
    await insertAll(tx, 'loans', library.loans);
    await insertAll(tx, 'holds', library.holds);
    await insertAll(tx, 'fines', library.fines);
    await tx.insertInto('settings').values({ key: 'seeded_at', value: day.toISOString() }).execute();
  });
  return true;
}
