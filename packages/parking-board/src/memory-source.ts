import { ApiError } from '@civic-kiosk/core';
import { findReceipt, normalizeReceipt } from './receipt.js';
import { parseBoard, parseComments, parseResults } from './parse.js';
import type { BallotAnswer, Board, Choice, Comment, DeliberationSource, MyBallot, Resident, Results } from './types.js';

/** The raw answers of the API for one topic (what the server would send). */
export interface RawBoard {
  topic: unknown;
  proposals: unknown;
  meetings: unknown;
  motions: unknown;
  progress: unknown;
  comments: Record<string, unknown>;
  /** Ballots already cast, per motion: household → { choice, receipt }. */
  ballots: Record<string, Record<string, { choice: Choice; receipt: string }>>;
}

export interface DemoResident {
  card: string;
  pin: string;
  name: string;
  household: string;
  /** False: a household outside the motion's community (403 NOT_ELIGIBLE). */
  eligible?: boolean;
  /** Wrong PINs already made (5 lock the card). */
  failed?: number;
}

export interface InMemoryOptions {
  residents?: DemoResident[];
  delayMs?: number;
  /** Every call fails as if the kiosk were offline. */
  offline?: boolean;
  /** The next N ballots are stored but their answers are lost on the way back (network loss mid-vote). */
  loseBallotAnswers?: number;
  /** Comments reported this many times are hidden. */
  reportThreshold?: number;
}

const reasons = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const fail = (status: number, code: string, en: string, zh: string, extra: Record<string, unknown> = {}) => new ApiError(status, code, { code, message: en, reasons: reasons(en, zh), ...extra });

/**
 * The deliberation API in memory, with the server's rules (PIN attempts and lockout, one ballot per household
 * with replacement, eligibility, closed motions, idempotency keys, hidden comments): for stories, component
 * tests and benchmarks. Not for production (no persistence, no real secrecy).
 */
export class InMemoryDeliberationSource implements DeliberationSource {
  readonly raw: RawBoard;
  // Private: the demo residents (names, PINs) are the fake server's, never a property an element could show.
  readonly #options: InMemoryOptions;
  #sessions = new Map<string, DemoResident>();
  #supports = new Map<string, Set<string>>();
  #reports = new Map<string, Set<string>>();
  #hidden = new Set<string>();
  #replies = new Map<string, unknown>();
  #lost: number;
  #serial = 0;

  constructor(raw: RawBoard, options: InMemoryOptions = {}) {
    this.raw = structuredClone(raw);
    this.#options = options;
    this.#lost = options.loseBallotAnswers ?? 0;
  }

  /** Takes the fake server off the network (true) or back on. */
  setOffline(offline: boolean): void {
    this.#options.offline = offline;
  }

  async #wait(): Promise<void> {
    if (this.#options.delayMs) await new Promise((r) => setTimeout(r, this.#options.delayMs));
    if (this.#options.offline) throw new ApiError(0, 'NETWORK');
  }

  #who(who: Resident): DemoResident {
    const r = this.#sessions.get(who.token);
    if (!r) throw fail(401, 'UNAUTHORIZED', 'Please sign in again.', '请重新验证身份。');
    return r;
  }

  /** Same key, same answer: a retried intent is done once. */
  #once<T>(key: string, run: () => T): T {
    if (this.#replies.has(key)) return this.#replies.get(key) as T;
    const answer = run();
    this.#replies.set(key, answer);
    return answer;
  }

  async board(_topicId: string | undefined, signal?: AbortSignal): Promise<Board> {
    await this.#wait();
    if (signal?.aborted) throw new ApiError(0, 'ABORTED');
    const board = parseBoard(this.raw);
    for (const p of board.proposals) {
      const extra = this.#supports.get(p.id)?.size ?? 0;
      p.supports += extra;
    }
    return board;
  }

  async comments(proposalId: string): Promise<Comment[]> {
    await this.#wait();
    return parseComments(this.raw.comments[proposalId]).filter((c) => !this.#hidden.has(c.id));
  }

  async results(motionId: string): Promise<Results> {
    await this.#wait();
    const motion = parseBoard(this.raw).motions.find((m) => m.id === motionId);
    const cast = Object.values(this.raw.ballots[motionId] ?? {});
    const counts = { agree: 0, disagree: 0, abstain: 0 };
    for (const b of cast) counts[b.choice] += 1;
    const eligible = motion?.eligibleHouseholds ?? 0;
    return parseResults({ motionId, status: motion?.status ?? 'closed', eligibleHouseholds: eligible, ballots: cast.length, turnout: eligible ? Math.round((cast.length / eligible) * 10_000) / 10_000 : 0, counts, receipts: cast.map((b) => b.receipt).sort() }, motion);
  }

  async checkReceipt(motionId: string, receipt: string): Promise<{ receipt: string; counted: boolean }> {
    await this.#wait();
    const all = Object.values(this.raw.ballots[motionId] ?? {}).map((b) => b.receipt);
    const found = findReceipt(all, receipt);
    return { receipt: found ?? normalizeReceipt(receipt), counted: !!found };
  }

  async signIn(cardNumber: string, pin: string): Promise<Resident> {
    await this.#wait();
    const r = this.#options.residents?.find((x) => x.card === cardNumber);
    if (r && (r.failed ?? 0) >= 5) {
      const until = '2025-05-06T10:45:00+08:00';
      throw fail(423, 'PIN_LOCKED', `Too many wrong PINs. This account is locked for 15 minutes, until ${until}.`, `PIN 错误次数过多，账户已锁定 15 分钟（至 ${until}）。`, { lockedUntil: until, retryAfterSeconds: 900 });
    }
    if (!r || r.pin !== pin) {
      if (r) r.failed = (r.failed ?? 0) + 1;
      const left = Math.max(0, 5 - (r?.failed ?? 1));
      if (r && left === 0) return this.signIn(cardNumber, pin);
      throw fail(401, 'WRONG_PIN', `The card number or PIN is wrong. ${left} attempt(s) left before the account is locked for 15 minutes.`, `卡号或 PIN 不正确。再错 ${left} 次账户将锁定 15 分钟。`, { attemptsLeft: left });
    }
    r.failed = 0;
    const token = `mem-${++this.#serial}`;
    this.#sessions.set(token, r);
    return { token, name: r.name };
  }

  signOut(who: Resident): Promise<void> {
    this.#sessions.delete(who.token);
    return Promise.resolve();
  }

  async mySupports(who: Resident): Promise<string[]> {
    await this.#wait();
    const r = this.#who(who);
    return [...this.#supports].filter(([, set]) => set.has(r.card)).map(([id]) => id);
  }

  async support(who: Resident, proposalId: string, on: boolean, key: string): Promise<{ supports: number; supported: boolean }> {
    await this.#wait();
    const r = this.#who(who);
    return this.#once(key, () => {
      const set = this.#supports.get(proposalId) ?? new Set<string>();
      this.#supports.set(proposalId, set);
      if (on) set.add(r.card);
      else set.delete(r.card);
      const base = parseBoard(this.raw).proposals.find((p) => p.id === proposalId)?.supports ?? 0;
      return { supports: base + set.size, supported: on };
    });
  }

  async comment(who: Resident, proposalId: string, body: string, key: string): Promise<Comment> {
    await this.#wait();
    this.#who(who);
    return this.#once(key, () => {
      const comment = { id: `cmt-mem-${++this.#serial}`, body, createdAt: '2025-05-06T02:30:00Z' };
      const list = (this.raw.comments[proposalId] as Comment[] | undefined) ?? [];
      this.raw.comments[proposalId] = [...list, comment];
      return comment;
    });
  }

  async report(who: Resident, commentId: string, key: string): Promise<{ hidden: boolean }> {
    await this.#wait();
    const r = this.#who(who);
    return this.#once(key, () => {
      const set = this.#reports.get(commentId) ?? new Set<string>();
      this.#reports.set(commentId, set.add(r.card));
      if (set.size >= (this.#options.reportThreshold ?? 3)) this.#hidden.add(commentId);
      return { hidden: this.#hidden.has(commentId) };
    });
  }

  async myBallot(who: Resident, motionId: string): Promise<MyBallot | null> {
    await this.#wait();
    const r = this.#who(who);
    const b = this.raw.ballots[motionId]?.[r.household];
    return b ? { choice: b.choice, receipt: b.receipt } : null;
  }

  async vote(who: Resident, motionId: string, choice: Choice, key: string): Promise<BallotAnswer> {
    await this.#wait();
    const r = this.#who(who);
    const answer = this.#once(key, () => {
      const motion = parseBoard(this.raw).motions.find((m) => m.id === motionId);
      if (!motion) return fail(404, 'NOT_FOUND', 'The motion was not found.', '未找到该动议。');
      if (motion.status === 'closed') return fail(409, 'MOTION_CLOSED', `Voting on this motion closed at ${motion.closesAt}.`, `该动议的投票已于 ${motion.closesAt} 截止。`);
      if (motion.status === 'upcoming') return fail(409, 'MOTION_NOT_OPEN', `Voting opens at ${motion.opensAt}.`, `投票将于 ${motion.opensAt} 开始。`);
      if (r.eligible === false) return fail(403, 'NOT_ELIGIBLE', 'Your household is not in the community this motion is for, so it cannot vote on it.', '您的住户不属于本动议所在的小区，不能参加本次投票。');
      const ballots = (this.raw.ballots[motionId] ??= {});
      const previous = ballots[r.household]?.receipt ?? null;
      const receipt = `M${String(++this.#serial).padStart(3, '0')}-7KQ2-M9XD`;
      ballots[r.household] = { choice, receipt };
      return { motionId, receipt, replacedReceipt: previous };
    });
    if (answer instanceof ApiError) {
      // A refusal is not stored: the same key may be tried again once the reason is gone.
      this.#replies.delete(key);
      throw answer;
    }
    if (this.#lost > 0) {
      this.#lost -= 1;
      throw new ApiError(0, 'NETWORK');
    }
    return answer;
  }
}
