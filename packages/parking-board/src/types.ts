import type { Locale } from '@civic-kiosk/core';

/** A text in both of the kiosk's languages. */
export type Localized = Record<Locale, string>;

/** One figure of the problem, e.g. 150 cars. */
export interface Figure {
  key: string;
  value: number;
}

export interface Topic {
  id: string;
  title: Localized;
  summary: Localized;
  figures: Figure[];
  eligibleHouseholds: number;
  officialAnswer: Localized | null;
}

export interface Proposal {
  id: string;
  title: Localized;
  body: Localized;
  supports: number;
  comments: number;
  /** Supports needed; 0 when the server gives none. */
  threshold: number;
  officialAnswer: Localized | null;
  followUrl: string;
}

export interface Comment {
  id: string;
  body: string;
  createdAt: string;
}

export interface Meeting {
  id: string;
  startsAt: string;
  place: Localized;
  agenda: Localized[];
  attendance: { departments: Localized[]; residents: number } | null;
  minutes: Localized | null;
  decisions: Localized[];
}

export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export type MotionStatus = 'upcoming' | 'open' | 'closed';
export type Rule = { kind: 'majority' } | { kind: 'quorum'; quorum: number };

export interface Motion {
  id: string;
  title: Localized;
  /** The motion in plain words (falls back to the title). */
  body: Localized;
  status: MotionStatus;
  opensAt: string;
  closesAt: string;
  choices: Choice[];
  rule: Rule;
  showCountsWhileOpen: boolean;
  eligibleHouseholds: number;
}

export interface Results {
  motionId: string;
  status: MotionStatus;
  eligibleHouseholds: number;
  ballots: number;
  /** Fraction of eligible households that voted, 0..1. */
  turnout: number;
  /** Null while counts are hidden (an open vote). */
  counts: Record<Choice, number> | null;
  percentages: Record<Choice, number> | null;
  passed: boolean | null;
  rule: Rule;
  countsHidden: boolean;
  receipts: string[];
}

export interface ProgressItem {
  id: string;
  title: Localized;
  owner: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  proposalId: string | null;
  followUrl: string;
}

/** Everything public about one topic, read at once. */
export interface Board {
  topic: Topic;
  proposals: Proposal[];
  meetings: Meeting[];
  motions: Motion[];
  progress: ProgressItem[];
  /** True when the server could not be reached and this is the last copy kept. */
  offline?: boolean;
}

/** A verified resident, as the board keeps it (in the personal-data controller only). */
export interface Resident {
  readonly name: string;
  /** The bearer token (HTTP) or the in-memory source's handle. */
  readonly token: string;
}

export interface BallotAnswer {
  motionId: string;
  receipt: string;
  replacedReceipt: string | null;
}

export interface MyBallot {
  choice: Choice | null;
  receipt: string;
}

/**
 * Where the board's data comes from and where its writes go. `HttpDeliberationSource` talks to the
 * civic-kiosk server through core's HttpClient; `InMemoryDeliberationSource` serves stories and tests.
 * Writes take the idempotency key of the visitor's intent: a retry of the same intent sends the same key.
 */
export interface DeliberationSource {
  board(topicId: string | undefined, signal?: AbortSignal): Promise<Board>;
  comments(proposalId: string, signal?: AbortSignal): Promise<Comment[]>;
  results(motionId: string, signal?: AbortSignal): Promise<Results>;
  checkReceipt(motionId: string, receipt: string): Promise<{ receipt: string; counted: boolean }>;
  signIn(cardNumber: string, pin: string): Promise<Resident>;
  signOut(who: Resident): Promise<void>;
  mySupports(who: Resident, topicId: string): Promise<string[]>;
  support(who: Resident, proposalId: string, on: boolean, key: string): Promise<{ supports: number; supported: boolean }>;
  comment(who: Resident, proposalId: string, body: string, key: string): Promise<Comment>;
  report(who: Resident, commentId: string, key: string): Promise<{ hidden: boolean }>;
  myBallot(who: Resident, motionId: string): Promise<MyBallot | null>;
  vote(who: Resident, motionId: string, choice: Choice, key: string): Promise<BallotAnswer>;
}
