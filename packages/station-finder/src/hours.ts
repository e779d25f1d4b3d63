import OpeningHours from 'opening_hours';
import type { StationTable } from './table.js';
import type { Station } from './types.js';

/** Whether a station is open at a moment, in the kiosk's time zone. */
export type OpenState =
  | { state: 'open'; /** "HH:MM" wall-clock time it closes, when within a day. */ closesAt?: string; allDay?: boolean }
  | { state: 'closed'; /** "HH:MM" when it opens again, when within a day. */ opensAt?: string }
  | { state: 'unknown' };

/** One line of a week's opening hours: days (0 = Sunday) with the same intervals. */
export interface WeekLine {
  days: number[];
  /** ["06:00", "22:00"] pairs; empty = closed all day. */
  intervals: [string, string][];
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * `now` as a Date whose *local* fields (getHours, getDay, ...) read the wall
 * clock in `timeZone`: opening_hours evaluates in local time, and a kiosk in
 * Ningde must say "open" by Beijing time whatever its OS is set to.
 */
export function wallClock(now: Date, timeZone: string): Date {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clocks.set(timeZone, clock);
  }
  const parts: Record<string, number> = {};
  for (const part of clock.formatToParts(now)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return new Date(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;
const DAY = 86_400_000;
const CLOSED = /^\s*(?:off|closed)\s*$/i;

/**
 * Evaluates OSM `opening_hours` with the `opening_hours` package, in one time
 * zone. Each distinct value is parsed once (many stations share one); values
 * it cannot read give "unknown" and are counted, never thrown.
 */
export class HoursEvaluator {
  readonly timeZone: string;
  readonly #parsed = new Map<string, OpeningHours | null>();
  /** Distinct `opening_hours` values that could not be read. */
  readonly malformed = new Set<string>();

  constructor(timeZone = 'Asia/Shanghai') {
    this.timeZone = timeZone;
  }

  #parse(raw: string | undefined): OpeningHours | null {
    // `off` and `closed` (any case, spaces around) mean closed for good, not "hours unknown".
    const value = raw && CLOSED.test(raw) ? 'off' : raw;
    if (!value) return null;
    let parsed = this.#parsed.get(value);
    if (parsed === undefined) {
      try {
        parsed = new OpeningHours(value, null, { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'en' });
      } catch {
        parsed = null;
        this.malformed.add(value);
      }
      this.#parsed.set(value, parsed);
    }
    return parsed;
  }

  /**
   * How many of these stations have an `opening_hours` value that cannot be
   * read (each distinct value parsed once; a table's rows are read without
   * making Station objects).
   */
  countUnreadable(stations: readonly Station[] | Pick<StationTable, 'size' | 'openingHours'>): number {
    const list = Array.isArray(stations) ? (stations as readonly Station[]) : undefined;
    const table = stations as Pick<StationTable, 'size' | 'openingHours'>;
    const size = list ? list.length : table.size;
    let count = 0;
    for (let i = 0; i < size; i++) {
      const value = list ? list[i]!.openingHours : table.openingHours(i);
      if (value && this.#parse(value) === null) count++;
    }
    return count;
  }

  /** True when the value is missing or unreadable. */
  unknown(station: Station): boolean {
    return this.#parse(station.openingHours) === null;
  }

  state(station: Station, now: Date = new Date()): OpenState {
    const hours = this.#parse(station.openingHours);
    if (!hours) return { state: 'unknown' };
    const local = wallClock(now, this.timeZone);
    if (hours.getUnknown(local)) return { state: 'unknown' };
    const next = hours.getNextChange(local, new Date(local.getTime() + 8 * DAY));
    if (hours.getState(local)) {
      if (!next) return { state: 'open', allDay: true };
      return { state: 'open', closesAt: next.getTime() - local.getTime() <= DAY ? hhmm(next) : undefined };
    }
    return { state: 'closed', opensAt: next && next.getTime() - local.getTime() <= DAY ? hhmm(next) : undefined };
  }

  /** "Open now" for filters; unknown hours do not count as open. */
  isOpen(station: Station, now: Date = new Date()): boolean {
    return this.state(station, now).state === 'open';
  }

  /** The coming seven days from today, days with equal hours grouped, for "opening hours in words". */
  week(station: Station, now: Date = new Date()): WeekLine[] | undefined {
    const hours = this.#parse(station.openingHours);
    if (!hours) return undefined;
    const local = wallClock(now, this.timeZone);
    const start = new Date(local.getFullYear(), local.getMonth(), local.getDate());
    const lines: WeekLine[] = [];
    const seen = new Map<string, WeekLine>();
    for (let i = 0; i < 7; i++) {
      const from = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
      const to = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i + 1);
      const intervals = hours
        .getOpenIntervals(from, to)
        .map(([open, close]): [string, string] => [hhmm(open), close.getTime() >= to.getTime() ? '24:00' : hhmm(close)]);
      const key = JSON.stringify(intervals);
      const line = seen.get(key);
      if (line) line.days.push(from.getDay());
      else {
        const fresh = { days: [from.getDay()], intervals };
        seen.set(key, fresh);
        lines.push(fresh);
      }
    }
    // Monday first, the way timetables in China (and ISO) are written.
    const order = (day: number) => (day + 6) % 7;
    for (const line of lines) line.days.sort((a, b) => order(a) - order(b));
    return lines.sort((a, b) => order(a.days[0]!) - order(b.days[0]!));
  }
}
