import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

/**
 * Times are ISO-8601 text on both engines. Text compares equal-length UTC
 * strings correctly and nothing else: `2026-12-01T09:00:00+08:00` is before
 * `2026-12-01T02:00:00Z` as an instant but after it as a string. So every
 * comparison reads both sides as instants (PostgreSQL timestamptz, SQLite
 * julianday, which both honour an offset), never as strings.
 */
export function instantCompare(dialect: DialectName, column: string, op: '<' | '<=' | '>' | '>=', iso: string): RawBuilder<boolean> {
  const operator = sql.raw(op);
  return dialect === 'postgres'
    ? sql<boolean>`(${sql.ref(column)})::timestamptz ${operator} (${iso})::timestamptz`
    : sql<boolean>`julianday(${sql.ref(column)}) ${operator} julianday(${iso})`;
}

export const instantBefore = (dialect: DialectName, column: string, iso: string) => instantCompare(dialect, column, '<', iso);

/** Milliseconds since the epoch of an ISO time with any offset (NaN when it is not one). */
export const instant = (iso: string): number => Date.parse(iso);

/** The first instant after a calendar day (`YYYY-MM-DD`, read in UTC as the rest of the server does). */
export const endOfDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) + 86_400_000;
