/**
 * The element's offline rules, pure: how long a lost checkout waits before it
 * is asked again, and what the visitor is told about queued returns.
 */
import type { QueueLabel } from '@civic-kiosk/core/offline-queue.js';
import type { Refusal } from './reasons.js';
import type { CheckinAnswer } from './types.js';

/** A queued return that has now been sent (or refused by the server), to tell the visitor. */
export interface SentNote {
  label: QueueLabel;
  answer?: CheckinAnswer | undefined;
  refusal?: Refusal | undefined;
}

/** Waits before asking again about a checkout whose answer was lost (ms): soon, then less often. Tests may shorten them. */
export const PENDING_RETRY_DELAYS: number[] = [5_000, 10_000, 20_000, 40_000, 60_000];

export function pendingRetryDelay(tries: number): number {
  return PENDING_RETRY_DELAYS[Math.min(tries, PENDING_RETRY_DELAYS.length - 1)] ?? 60_000;
}

/** The label in the visitor's language (a title per locale, or a barcode). */
export function labelIn(label: QueueLabel, locale: string): string {
  if (typeof label === 'string') return label;
  return label[locale] ?? label['en'] ?? Object.values(label).find((t) => !!t) ?? '';
}
