/** Five wrong PINs lock the account for fifteen minutes. */
export const MAX_PIN_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** How long one sign-in may hold its account's reservation (a crashed instance frees it after this). */
export const SIGNIN_LEASE_MS = 30_000;

/**
 * Growing delays before the hard lock: after the n-th consecutive failure the
 * next attempt must wait DELAY_SECONDS[n]. A guess sent during the wait (or
 * while another guess for the account is being checked) counts as wrong
 * without being checked, so a burst cannot get around the limit.
 */
export const DELAY_SECONDS = [0, 0, 2, 5, 10] as const;

export function delayAfter(failures: number): number {
  return DELAY_SECONDS[Math.min(failures, DELAY_SECONDS.length - 1)] ?? 0;
}

export interface LockState {
  failedPins: number;
  lockedUntil: string | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** What a wrong PIN does: count it, and lock when it is the fifth. */
export function afterFailure(failedPinsAfterIncrement: number, now: Date): { lock: boolean; lockedUntil: string | null; attemptsLeft: number } {
  if (failedPinsAfterIncrement >= MAX_PIN_FAILURES) {
    return { lock: true, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(), attemptsLeft: 0 };
  }
  return { lock: false, lockedUntil: null, attemptsLeft: MAX_PIN_FAILURES - failedPinsAfterIncrement };
}

/** Per device: this many distinct accounts (or failures) within the window throttle the device and raise an alert. */
export const DEVICE_WINDOW_MINUTES = 10;
export const DEVICE_MAX_ACCOUNTS = 5;
export const DEVICE_MAX_FAILURES = 20;
export const DEVICE_THROTTLE_MINUTES = 15;

export function deviceOverLimit(failures: number, accounts: number): boolean {
  return accounts >= DEVICE_MAX_ACCOUNTS || failures >= DEVICE_MAX_FAILURES;
}
