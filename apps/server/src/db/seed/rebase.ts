import { sql, type RawBuilder } from 'kysely';
import type { DataStore, DialectName, Tx } from '../database.js';
import type { Database } from '../schema.js';

const DAY_MS = 86_400_000;

/** The seed's anchor: 08:00 UTC of the day `now` falls on (what seedIfEmpty stores as `seeded_at`). */
export function seedDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8));
}

type Kind = 'instant' | 'day';
/** Every seeded time column that gives the demo its meaning (open vote, overdue loan, valid card). Never the audit log. */
const COLUMNS: [keyof Database, string, Kind][] = [
  ['topics', 'created_at', 'instant'],
  ['proposals', 'created_at', 'instant'],
  ['supports', 'created_at', 'instant'],
  ['comments', 'created_at', 'instant'],
  ['meetings', 'starts_at', 'instant'],
  ['motions', 'opens_at', 'instant'],
  ['motions', 'closes_at', 'instant'],
  ['ballots', 'cast_at', 'instant'],
  ['ballots', 'updated_at', 'instant'],
  ['progress', 'due_on', 'day'],
  ['progress', 'updated_at', 'instant'],
  ['patrons', 'expires_on', 'day'],
  ['loans', 'checked_out_at', 'instant'],
  ['loans', 'due_at', 'instant'],
  ['loans', 'returned_at', 'instant'],
  ['holds', 'placed_at', 'instant'],
  ['holds', 'ready_until', 'instant'],
  ['fines', 'created_at', 'instant'],
  ['fines', 'paid_at', 'instant'],
];

/** `column` moved by whole days, as a UTC ISO instant (or a date): read as an instant, so any offset is honoured. */
function shifted(dialect: DialectName, column: string, days: number, kind: Kind): RawBuilder<string> {
  const ref = sql.ref(column);
  if (dialect === 'postgres') {
    return kind === 'day'
      ? sql<string>`to_char(${ref}::date + ${days}::int, 'YYYY-MM-DD')`
      : sql<string>`to_char((${ref}::timestamptz + make_interval(days => ${days}::int)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  const modifier = `${days >= 0 ? '+' : ''}${days} days`;
  return kind === 'day' ? sql<string>`date(${ref}, ${modifier})` : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${ref}, ${modifier})`;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Date-times inside a FHIR resource (effective, onset, occurrence, period); bare dates such as birthDate stay. */
function shiftJson(value: unknown, ms: number): unknown {
  if (typeof value === 'string') return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(Date.parse(value) + ms).toISOString() : value;
  if (Array.isArray(value)) return value.map((v) => shiftJson(v, ms));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftJson(v, ms)]));
  return value;
}

async function shiftAll(tx: Tx, dialect: DialectName, days: number): Promise<void> {
  const byTable = new Map<string, [string, Kind][]>();
  for (const [table, column, kind] of COLUMNS) byTable.set(table, [...(byTable.get(table) ?? []), [column, kind]]);
  for (const [table, columns] of byTable) {
    const set = Object.fromEntries(columns.map(([column, kind]) => [column, shifted(dialect, column, days, kind)]));
    await tx.updateTable(table as keyof Database).set(set as never).execute();
  }
  const ms = days * DAY_MS;
  const rows = await tx.selectFrom('fhir_resources').select(['type', 'id', 'effective', 'resource']).execute();
  for (const row of rows) {
    await tx
      .updateTable('fhir_resources')
      .set({ effective: row.effective === null ? null : new Date(Date.parse(row.effective) + ms).toISOString(), resource: JSON.stringify(shiftJson(JSON.parse(row.resource), ms)) })
      .where('type', '=', row.type)
      .where('id', '=', row.id)
      .execute();
  }
}

/**
 * Keeps a long-lived demo database from ageing: when the server starts on a
 * later day than the data was last anchored to, every seeded date moves by
 * the same whole number of days, so the open vote stays open, overdue loans
 * stay overdue and a card in good standing stays good. The anchor is moved
 * first with a compare-and-set, so of several instances starting together
 * only one shifts the data. Returns the number of days moved.
 */
export async function rebaseDemo(store: DataStore, now: Date): Promise<number> {
  const anchor = await store.db.selectFrom('settings').select('value').where('key', '=', 'seeded_at').executeTakeFirst();
  if (!anchor) return 0;
  const today = seedDay(now);
  const days = Math.round((today.getTime() - Date.parse(anchor.value)) / DAY_MS);
  if (days === 0) return 0;
  return store.db.transaction().execute(async (tx) => {
    const moved = await tx.updateTable('settings').set({ value: today.toISOString() }).where('key', '=', 'seeded_at').where('value', '=', anchor.value).executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return 0;
    await shiftAll(tx, store.dialect, days);
    return days;
  });
}
