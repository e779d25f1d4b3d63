export const PROGRESS_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Today's date (YYYY-MM-DD) where the kiosk stands: a deadline passes at local midnight, not at UTC midnight. */
export function todayIn(timeZone: string | null | undefined, now: Date): string {
  const format = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(timeZone || DEFAULT_TIME_ZONE);
  } catch {
    // An unknown zone in a site's settings must not break the page.
    return format(DEFAULT_TIME_ZONE);
  }
}

/** Overdue: the due day is before today and the item is not done. A malformed date is never overdue. */
export function isOverdue(dueOn: string, status: string, today: string): boolean {
  return status !== 'done' && /^\d{4}-\d{2}-\d{2}$/.test(dueOn) && dueOn < today;
}
