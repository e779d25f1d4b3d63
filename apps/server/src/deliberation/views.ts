import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import { followUrl, type DeliberationSettings } from './follow.js';
import { isOverdue } from './progress.js';
import { parseChoices, parseRule } from './results.js';
import { motionStatus } from './tally.js';

/**
 * Rows to answers. Stored JSON (figures, agenda, attendance, decisions, rule,
 * choices) may be missing or malformed in data from elsewhere: each reader
 * keeps what is well-formed and drops the rest, so one bad row never turns a
 * page into a 500.
 */
export const loc = (zh: string, en: string) => ({ 'zh-CN': zh, en });
export type Localized = ReturnType<typeof loc>;

function parse(text: string | null | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const FIGURES = ['cars', 'spaces', 'households', 'fireLaneBlockedNightsPerMonth'] as const;

export function figuresOf(text: string | null | undefined): Partial<Record<(typeof FIGURES)[number], number>> {
  const raw = parse(text);
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<Record<(typeof FIGURES)[number], number>> = {};
  for (const key of FIGURES) {
    const v = (raw as Record<string, unknown>)[key];
    if (count(v)) out[key] = v;
  }
  return out;
}

/** Lists of `{zh, en}` (the stored form of agendas, decisions and departments). */
function pairs(raw: unknown): { zh: string; en: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((x): x is { zh: string; en: string } => !!x && typeof (x as { zh?: unknown }).zh === 'string' && typeof (x as { en?: unknown }).en === 'string').map(({ zh, en }) => ({ zh, en }));
}

export const agendaOf = (text: string | null | undefined) => pairs(parse(text));
export const decisionsOf = (text: string | null | undefined) => pairs(parse(text)).map((p) => loc(p.zh, p.en));

export function attendanceOf(text: string | null | undefined): { departments: Localized[]; residents: number } {
  const raw = parse(text) as { departments?: unknown; residents?: unknown } | undefined;
  return { departments: pairs(raw?.departments).map((p) => loc(p.zh, p.en)), residents: count(raw?.residents) ? raw.residents : 0 };
}

/** The stored form of localized lists. */
export const toPairs = (items: readonly Localized[]) => items.map((x) => ({ zh: x['zh-CN'], en: x.en }));

export function topicView(t: Selectable<Database['topics']>, eligibleHouseholds: number) {
  return {
    id: t.id,
    community: t.community,
    title: loc(t.title_zh, t.title_en),
    summary: loc(t.summary_zh, t.summary_en),
    figures: figuresOf(t.figures),
    eligibleHouseholds,
    officialAnswer: t.official_answer_zh ? loc(t.official_answer_zh, t.official_answer_en ?? t.official_answer_zh) : null,
    createdAt: t.created_at,
  };
}

type ProposalRow = Pick<Database['proposals'], 'id' | 'title_zh' | 'title_en' | 'body_zh' | 'body_en' | 'created_at'> & {
  threshold: number;
  official_answer_zh: string | null;
  official_answer_en: string | null;
};

export function proposalView(p: ProposalRow, supports: number, comments: number, settings: DeliberationSettings) {
  return {
    id: p.id,
    title: loc(p.title_zh, p.title_en),
    body: loc(p.body_zh, p.body_en),
    supports,
    comments,
    createdAt: p.created_at,
    threshold: Math.max(0, Math.trunc(Number(p.threshold) || 0)),
    officialAnswer: p.official_answer_zh ? loc(p.official_answer_zh, p.official_answer_en ?? p.official_answer_zh) : null,
    followUrl: followUrl(settings.followTemplate, settings.publicUrl, 'proposal', p.id),
  };
}

type MeetingRow = Pick<Database['meetings'], 'id' | 'starts_at' | 'place_zh' | 'place_en' | 'agenda' | 'minutes_zh' | 'minutes_en'> & { attendance: string; decisions: string };

export function meetingView(m: MeetingRow) {
  return {
    id: m.id,
    startsAt: m.starts_at,
    place: loc(m.place_zh, m.place_en),
    agenda: agendaOf(m.agenda),
    minutes: m.minutes_zh ? loc(m.minutes_zh, m.minutes_en ?? m.minutes_zh) : null,
    attendance: attendanceOf(m.attendance),
    decisions: decisionsOf(m.decisions),
  };
}

type MotionRow = Pick<Database['motions'], 'id' | 'title_zh' | 'title_en' | 'opens_at' | 'closes_at' | 'meeting_id'> & {
  body_zh: string;
  body_en: string;
  rule: string;
  show_counts_while_open: number;
  choices: string;
};

export function motionView(m: MotionRow, now: Date, eligibleHouseholds: number) {
  return {
    id: m.id,
    title: loc(m.title_zh, m.title_en),
    body: loc(m.body_zh || m.title_zh, m.body_en || m.title_en),
    meetingId: m.meeting_id,
    opensAt: m.opens_at,
    closesAt: m.closes_at,
    status: motionStatus(m.opens_at, m.closes_at, now),
    choices: parseChoices(m.choices),
    rule: parseRule(m.rule),
    showCountsWhileOpen: Number(m.show_counts_while_open) === 1,
    eligibleHouseholds,
  };
}

type ProgressRow = Pick<Database['progress'], 'id' | 'title_zh' | 'title_en' | 'owner' | 'due_on' | 'status' | 'updated_at'> & { proposal_id: string | null };

export function progressView(p: ProgressRow, today: string, settings: DeliberationSettings) {
  return {
    id: p.id,
    title: loc(p.title_zh, p.title_en),
    owner: p.owner,
    dueOn: p.due_on,
    status: p.status,
    updatedAt: p.updated_at,
    overdue: isOverdue(p.due_on, p.status, today),
    proposalId: p.proposal_id,
    followUrl: followUrl(settings.followTemplate, settings.publicUrl, 'progress', p.id),
  };
}
