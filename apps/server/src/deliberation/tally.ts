import { randomBytes } from 'node:crypto';

export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export interface BallotRow {
  household_id: string;
  choice: string;
  receipt: string;
}

export interface Tally {
  eligibleHouseholds: number;
  ballots: number;
  turnout: number;
  counts: Record<Choice, number>;
  /** Every counted receipt, sorted so the order reveals nothing about who voted when. */
  receipts: string[];
}

/**
 * Results are always recomputed from the ballots themselves: one row per
 * household (the table's key), so a household that changed its mind counts once.
 */
export function tally(ballots: readonly BallotRow[], eligibleHouseholds: number): Tally {
  const counts: Record<Choice, number> = { agree: 0, disagree: 0, abstain: 0 };
  const seen = new Set<string>();
  const receipts: string[] = [];
  for (const b of ballots) {
    if (seen.has(b.household_id)) continue;
    seen.add(b.household_id);
    if ((CHOICES as readonly string[]).includes(b.choice)) counts[b.choice as Choice] += 1;
    receipts.push(b.receipt);
  }
  receipts.sort();
  return {
    eligibleHouseholds,
    ballots: seen.size,
    turnout: eligibleHouseholds > 0 ? Math.round((seen.size / eligibleHouseholds) * 10_000) / 10_000 : 0,
    counts,
    receipts,
  };
}

// Crockford base32 without I, L, O, U: easy to read aloud and to type on a keypad.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An unguessable receipt code like `7KQ2-M9XD-4RTB`. */
export function newReceipt(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

export type MotionStatus = 'upcoming' | 'open' | 'closed';

/** Compared as instants: a `closes_at` written with `+08:00` closes at that moment, not eight hours late. */
export function motionStatus(opensAt: string, closesAt: string, now: Date): MotionStatus {
  const t = now.getTime();
  if (t < Date.parse(opensAt)) return 'upcoming';
  return t < Date.parse(closesAt) ? 'open' : 'closed';
}
