/** Chart data for the trends: one period, labels, series and reference bands. Pure, no DOM. */
import type { HealthRecord } from './record.js';
import { DEFAULTS, type Range, type Reading } from './readings.js';

export type Period = '3m' | '12m' | 'all';
export const PERIODS: readonly Period[] = ['3m', '12m', 'all'];

export interface Trend {
  dates: string[];
  series: { key: 'systolic' | 'diastolic' | 'value'; data: number[] }[];
  bands: Range[];
  unit: string;
}

export function since(period: Period, now: Date): number {
  if (period === 'all') return -Infinity;
  const d = new Date(now);
  d.setMonth(d.getMonth() - (period === '3m' ? 3 : 12));
  return d.getTime();
}

const within = <T extends { date: string }>(items: T[], from: number) => items.filter((i) => Date.parse(i.date) >= from);

/** The band of the latest reading's range (the one its flag was judged by). */
const bandOf = (range: Range | undefined): Range[] => (range && (range.low !== undefined || range.high !== undefined) ? [range] : []);

export function pressureTrend(record: HealthRecord, period: Period, now: Date): Trend {
  const items = within(record.pressure, since(period, now));
  const last = items.at(-1);
  return {
    dates: items.map((i) => i.date),
    series: [
      { key: 'systolic', data: items.map((i) => i.systolic) },
      { key: 'diastolic', data: items.map((i) => i.diastolic) },
    ],
    bands: [...bandOf(last?.systolicRange ?? DEFAULTS.systolic), ...bandOf(last?.diastolicRange ?? DEFAULTS.diastolic)],
    unit: last?.unit ?? 'mmHg',
  };
}

/** One unit per chart: readings in another unit than the latest one are left out of it (and stay in the table of that unit). */
export function valueTrend(readings: Reading[], period: Period, now: Date): Trend {
  const all = within(readings, since(period, now));
  const unit = all.at(-1)?.unit ?? '';
  const items = all.filter((r) => r.unit === unit);
  return { dates: items.map((i) => i.date), series: [{ key: 'value', data: items.map((i) => i.value) }], bands: bandOf(items.at(-1)?.range), unit };
}
