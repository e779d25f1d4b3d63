// Reads the server's answers defensively: a missing or malformed field gives a sensible value (an empty
// list, zero, null), never an exception, so one bad row cannot take the whole board down.
import { CHOICES, type Board, type Choice, type Comment, type Figure, type Localized, type Meeting, type Motion, type MotionStatus, type ProgressItem, type Proposal, type Results, type Rule, type Topic } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `{zh-CN, en}`, the seed's older `{zh, en}`, or a plain string; undefined when there is no text. */
export function localized(v: unknown): Localized | undefined {
  if (typeof v === 'string') return v ? { 'zh-CN': v, en: v } : undefined;
  if (!isObj(v)) return undefined;
  const zh = str(v['zh-CN']) || str(v.zh);
  const en = str(v.en);
  if (!zh && !en) return undefined;
  return { 'zh-CN': zh || en, en: en || zh };
}
const text = (v: unknown): Localized => localized(v) ?? { 'zh-CN': '', en: '' };
const texts = (v: unknown): Localized[] => list(v).flatMap((x) => localized(x) ?? []);

export function parseTopic(raw: unknown): Topic {
  const t = isObj(raw) ? raw : {};
  const figures: Figure[] = isObj(t.figures)
    ? Object.entries(t.figures).flatMap(([key, value]) => (typeof value === 'number' && Number.isFinite(value) ? [{ key, value }] : []))
    : [];
  return { id: str(t.id), title: text(t.title), summary: text(t.summary), figures, eligibleHouseholds: int(t.eligibleHouseholds), officialAnswer: localized(t.officialAnswer) ?? null };
}

export function parseProposals(raw: unknown): Proposal[] {
  return list(raw).flatMap((p) =>
    isObj(p) && typeof p.id === 'string'
      ? [{ id: p.id, title: text(p.title), body: text(p.body), supports: int(p.supports), comments: int(p.comments), threshold: int(p.threshold), officialAnswer: localized(p.officialAnswer) ?? null, followUrl: str(p.followUrl) }]
      : [],
  );
}

export function parseComments(raw: unknown): Comment[] {
  return list(raw).flatMap((c) => (isObj(c) && typeof c.id === 'string' ? [{ id: c.id, body: str(c.body), createdAt: str(c.createdAt) }] : []));
}

export function parseMeetings(raw: unknown): Meeting[] {
  return list(raw).flatMap((m) => {
    if (!isObj(m) || typeof m.id !== 'string') return [];
    const a = isObj(m.attendance) ? m.attendance : undefined;
    return [
      {
        id: m.id,
        startsAt: str(m.startsAt),
        place: text(m.place),
        agenda: texts(m.agenda),
        attendance: a ? { departments: texts(a.departments), residents: int(a.residents) } : null,
        minutes: localized(m.minutes) ?? null,
        decisions: texts(m.decisions),
      },
    ];
  });
}

export function parseRule(v: unknown): Rule {
  if (isObj(v) && v.kind === 'quorum' && typeof v.quorum === 'number' && v.quorum >= 0 && v.quorum <= 1) return { kind: 'quorum', quorum: v.quorum };
  return { kind: 'majority' };
}

const STATUSES: readonly MotionStatus[] = ['upcoming', 'open', 'closed'];
const status = (v: unknown): MotionStatus => (STATUSES.includes(v as MotionStatus) ? (v as MotionStatus) : 'closed');

export function parseMotions(raw: unknown, eligibleHouseholds = 0): Motion[] {
  return list(raw).flatMap((m) => {
    if (!isObj(m) || typeof m.id !== 'string') return [];
    const title = text(m.title);
    return [
      {
        id: m.id,
        title,
        body: localized(m.body) ?? title,
        status: status(m.status),
        opensAt: str(m.opensAt),
        closesAt: str(m.closesAt),
        choices: list(m.choices).filter((c): c is Choice => CHOICES.includes(c as Choice)),
        rule: parseRule(m.rule),
        showCountsWhileOpen: m.showCountsWhileOpen === true,
        eligibleHouseholds: typeof m.eligibleHouseholds === 'number' ? int(m.eligibleHouseholds) : eligibleHouseholds,
      },
    ];
  });
}

const counts = (v: unknown): Record<Choice, number> | null => (isObj(v) ? { agree: int(v.agree), disagree: int(v.disagree), abstain: int(v.abstain) } : null);

/** Percentages of ballots cast, one decimal; zeros when nobody voted. */
export function percentagesOf(c: Record<Choice, number>): Record<Choice, number> {
  const total = c.agree + c.disagree + c.abstain;
  const pct = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);
  return { agree: pct(c.agree), disagree: pct(c.disagree), abstain: pct(c.abstain) };
}

/** Whether a motion passed under its rule: agree > disagree (abstentions not counted against), and for a quorum, turnout ≥ quorum. */
export function passedUnder(rule: Rule, c: Record<Choice, number>, turnout: number): boolean {
  return c.agree > c.disagree && (rule.kind !== 'quorum' || turnout >= rule.quorum);
}

/**
 * The results of a motion. Counts of an open vote are hidden unless the motion says otherwise, even when an
 * older server sends them: ballot secrecy in a small village is the board's promise too.
 */
export function parseResults(raw: unknown, motion?: Motion): Results {
  const r = isObj(raw) ? raw : {};
  const st = typeof r.status === 'string' ? status(r.status) : (motion?.status ?? 'closed');
  const rule = r.rule === undefined ? (motion?.rule ?? { kind: 'majority' }) : parseRule(r.rule);
  const eligible = int(r.eligibleHouseholds ?? motion?.eligibleHouseholds);
  const ballots = int(r.ballots);
  const turnout = typeof r.turnout === 'number' && r.turnout >= 0 && r.turnout <= 1 ? r.turnout : eligible ? Math.min(1, ballots / eligible) : 0;
  const shown = st === 'closed' || motion?.showCountsWhileOpen === true || r.countsHidden === false;
  const c = shown ? counts(r.counts) : null;
  return {
    motionId: str(r.motionId, motion?.id ?? ''),
    status: st,
    eligibleHouseholds: eligible,
    ballots,
    turnout,
    counts: c,
    percentages: c ? (counts(r.percentages) ? percentagesFrom(r.percentages as Obj) : percentagesOf(c)) : null,
    passed: c ? (typeof r.passed === 'boolean' ? r.passed : passedUnder(rule, c, turnout)) : null,
    rule,
    countsHidden: !c,
    receipts: list(r.receipts).filter((x): x is string => typeof x === 'string'),
  };
}

function percentagesFrom(p: Obj): Record<Choice, number> {
  const one = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100 ? v : 0);
  return { agree: one(p.agree), disagree: one(p.disagree), abstain: one(p.abstain) };
}

/** Whether a progress item is late: its due day is before today (in `timeZone`) and it is not done. */
export function isOverdue(dueOn: string, itemStatus: string, now: Date, timeZone = 'Asia/Shanghai'): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(dueOn) || itemStatus === 'done') return false;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return dueOn.slice(0, 10) < today;
}

export function parseProgress(raw: unknown, now = new Date(), timeZone = 'Asia/Shanghai'): ProgressItem[] {
  return list(raw).flatMap((p) => {
    if (!isObj(p) || typeof p.id !== 'string') return [];
    const dueOn = str(p.dueOn);
    const st = str(p.status, 'planned');
    return [
      {
        id: p.id,
        title: text(p.title),
        owner: str(p.owner),
        dueOn,
        status: st,
        overdue: typeof p.overdue === 'boolean' ? p.overdue : isOverdue(dueOn, st, now, timeZone),
        proposalId: typeof p.proposalId === 'string' ? p.proposalId : null,
        followUrl: str(p.followUrl),
      },
    ];
  });
}

export function parseBoard(parts: { topic: unknown; proposals: unknown; meetings: unknown; motions: unknown; progress: unknown }, now = new Date()): Board {
  const topic = parseTopic(parts.topic);
  return {
    topic,
    proposals: parseProposals(parts.proposals),
    meetings: parseMeetings(parts.meetings),
    motions: parseMotions(parts.motions, topic.eligibleHouseholds),
    progress: parseProgress(parts.progress, now),
  };
}
