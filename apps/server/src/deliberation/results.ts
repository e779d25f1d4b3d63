import { CHOICES, type Choice, type MotionStatus, type Tally } from './tally.js';

/** How a motion passes: more agree than disagree, or that AND enough of the eligible households voting. */
export type Rule = { kind: 'majority' } | { kind: 'quorum'; quorum: number };

const MAJORITY: Rule = { kind: 'majority' };

/** The stored rule; anything malformed reads as a simple majority rather than failing the page. */
export function parseRule(text: string | null | undefined): Rule {
  try {
    const rule = JSON.parse(text ?? '') as { kind?: unknown; quorum?: unknown };
    if (rule?.kind === 'quorum' && typeof rule.quorum === 'number' && rule.quorum >= 0 && rule.quorum <= 1) return { kind: 'quorum', quorum: rule.quorum };
  } catch {
    // fall through
  }
  return MAJORITY;
}

/** The choices a motion offers, in the canonical order; bad data gives an empty list (the board says so). */
export function parseChoices(text: string | null | undefined): Choice[] {
  let list: unknown;
  try {
    list = JSON.parse(text ?? '');
  } catch {
    return [];
  }
  return Array.isArray(list) ? CHOICES.filter((c) => list.includes(c)) : [];
}

export type Counts = Record<Choice, number>;

/** Shares of the ballots cast, 0..100 with one decimal; all 0 when nobody voted. */
export function percentages(counts: Counts, ballots: number): Counts {
  const pct = (n: number) => (ballots > 0 ? Math.round((n / ballots) * 1000) / 10 : 0);
  return { agree: pct(counts.agree), disagree: pct(counts.disagree), abstain: pct(counts.abstain) };
}

/** Abstentions are not counted against; a quorum compares the exact share of eligible households that voted. */
export function passes(counts: Counts, ballots: number, eligibleHouseholds: number, rule: Rule): boolean {
  const majority = counts.agree > counts.disagree;
  if (rule.kind === 'majority') return majority;
  const share = eligibleHouseholds > 0 ? ballots / eligibleHouseholds : 0;
  return majority && share >= rule.quorum;
}

export interface PublicResults {
  eligibleHouseholds: number;
  ballots: number;
  turnout: number;
  receipts: string[];
  rule: Rule;
  countsHidden: boolean;
  counts: Counts | null;
  percentages: Counts | null;
  passed: boolean | null;
}

/**
 * What the public may see. While a vote is open the counts stay hidden unless
 * the motion says otherwise: in a village of ninety households, running
 * counts plus who was seen at the kiosk can reveal a neighbour's choice.
 * Turnout and the receipts (which say nothing about choices) are always shown.
 */
export function publicResults(tally: Tally, rule: Rule, status: MotionStatus, showCountsWhileOpen: boolean): PublicResults {
  const hidden = status !== 'closed' && !showCountsWhileOpen;
  const { eligibleHouseholds, ballots, turnout, receipts, counts } = tally;
  return {
    eligibleHouseholds,
    ballots,
    turnout,
    receipts,
    rule,
    countsHidden: hidden,
    counts: hidden ? null : counts,
    percentages: hidden ? null : percentages(counts, ballots),
    passed: hidden ? null : passes(counts, ballots, eligibleHouseholds, rule),
  };
}
