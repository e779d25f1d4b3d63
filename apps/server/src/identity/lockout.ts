/** Five wrong PINs lock the account for fifteen minutes. */
export const MAX_PIN_FAILURES = 5;
export const LOCK_MINUTES = 15;

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
