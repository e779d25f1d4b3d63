import { ApiError, getWithOfflineCopy, type HttpClient } from '@civic-kiosk/core';
import { normalizeReceipt } from './receipt.js';
import { parseBoard, parseComments, parseMotions, parseResults } from './parse.js';
import type { BallotAnswer, Board, Choice, Comment, DeliberationSource, MyBallot, Resident, Results } from './types.js';

const D = '/deliberation';
const enc = encodeURIComponent;

/**
 * The civic-kiosk deliberation API (CONTRACT B) through core's `HttpClient`: the session's client carries the
 * base URL, the device credential and the timeout; a resident's calls add their bearer token on a client of
 * their own (`client.with`, no shared cache). Public reads fall back to the last good copy when offline.
 */
export class HttpDeliberationSource implements DeliberationSource {
  readonly #client: HttpClient;

  constructor(client: HttpClient) {
    this.#client = client;
  }

  #as(who: Resident): HttpClient {
    return this.#client.with({ headers: { Authorization: `Bearer ${who.token}` } });
  }

  async #public(path: string, signal?: AbortSignal): Promise<{ data: unknown; offline: boolean }> {
    const { data, offline } = await getWithOfflineCopy<unknown>(this.#client, path, { signal });
    return { data, offline: !!offline };
  }

  async board(topicId: string | undefined, signal?: AbortSignal): Promise<Board> {
    let id = topicId;
    if (!id) {
      // No topic named: the newest one (the server lists them newest first).
      const { data } = await this.#public(`${D}/topics`, signal);
      const first = Array.isArray(data) ? (data[0] as { id?: unknown } | undefined) : undefined;
      if (typeof first?.id !== 'string') throw new ApiError(404, 'NOT_FOUND');
      id = first.id;
    }
    const t = `${D}/topics/${enc(id)}`;
    const [topic, proposals, meetings, motions, progress] = await Promise.all(
      [t, `${t}/proposals`, `${t}/meetings`, `${t}/motions`, `${t}/progress`].map((path) => this.#public(path, signal)),
    );
    const board = parseBoard({ topic: topic!.data, proposals: proposals!.data, meetings: meetings!.data, motions: motions!.data, progress: progress!.data });
    if ([topic, proposals, meetings, motions, progress].some((part) => part!.offline)) board.offline = true;
    return board;
  }

  async comments(proposalId: string, signal?: AbortSignal): Promise<Comment[]> {
    return parseComments((await this.#public(`${D}/proposals/${enc(proposalId)}/comments`, signal)).data);
  }

  async results(motionId: string, signal?: AbortSignal): Promise<Results> {
    const [motion, results] = await Promise.all([this.#public(`${D}/motions/${enc(motionId)}`, signal), this.#public(`${D}/motions/${enc(motionId)}/results`, signal)]);
    return parseResults(results.data, parseMotions([motion.data])[0]);
  }

  async checkReceipt(motionId: string, receipt: string): Promise<{ receipt: string; counted: boolean }> {
    const code = normalizeReceipt(receipt);
    try {
      const answer = await this.#client.get<{ receipt?: string; counted?: boolean }>(`${D}/motions/${enc(motionId)}/receipts/${enc(code)}`, { cache: 'no-store' });
      return { receipt: typeof answer.receipt === 'string' ? answer.receipt : code, counted: answer.counted !== false };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND') return { receipt: code, counted: false };
      throw error;
    }
  }

  async signIn(cardNumber: string, pin: string): Promise<Resident> {
    const answer = await this.#client.post<{ token: string; resident?: { name?: string } }>('/residents/signin', { cardNumber, pin, service: 'deliberation' });
    return { token: answer.token, name: answer.resident?.name ?? '' };
  }

  async signOut(who: Resident): Promise<void> {
    await this.#as(who).post('/signout', {});
  }

  async mySupports(who: Resident, topicId: string): Promise<string[]> {
    try {
      const answer = await this.#as(who).get<{ proposalIds?: unknown }>(`${D}/topics/${enc(topicId)}/my-supports`);
      return Array.isArray(answer.proposalIds) ? answer.proposalIds.filter((x): x is string => typeof x === 'string') : [];
    } catch (error) {
      // A server without the route (before CONTRACT B) cannot say: nothing is marked as supported.
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  }

  async support(who: Resident, proposalId: string, on: boolean, key: string): Promise<{ supports: number; supported: boolean }> {
    const path = `${D}/proposals/${enc(proposalId)}/supports`;
    const answer = await this.#as(who).request<{ supports?: number; supported?: boolean }>(path, on ? { method: 'POST', body: {}, idempotencyKey: key } : { method: 'DELETE', idempotencyKey: key });
    return { supports: Number(answer.supports ?? 0), supported: answer.supported ?? on };
  }

  async comment(who: Resident, proposalId: string, body: string, key: string): Promise<Comment> {
    const answer = await this.#as(who).post<unknown>(`${D}/proposals/${enc(proposalId)}/comments`, { body }, { idempotencyKey: key });
    return parseComments([answer])[0] ?? { id: '', body, createdAt: new Date().toISOString() };
  }

  async report(who: Resident, commentId: string, key: string): Promise<{ hidden: boolean }> {
    const answer = await this.#as(who).post<{ hidden?: boolean }>(`${D}/comments/${enc(commentId)}/reports`, {}, { idempotencyKey: key });
    return { hidden: answer.hidden === true };
  }

  async myBallot(who: Resident, motionId: string): Promise<MyBallot | null> {
    const answer = await this.#as(who).get<{ ballot?: { choice?: string; receipt?: string } | null }>(`${D}/motions/${enc(motionId)}/my-ballot`);
    const b = answer.ballot;
    return b && typeof b.receipt === 'string' ? { receipt: b.receipt, choice: (['agree', 'disagree', 'abstain'] as const).find((c) => c === b.choice) ?? null } : null;
  }

  async vote(who: Resident, motionId: string, choice: Choice, key: string): Promise<BallotAnswer> {
    const answer = await this.#as(who).post<{ receipt: string; replacedReceipt?: string | null }>(`${D}/motions/${enc(motionId)}/ballots`, { choice }, { idempotencyKey: key });
    return { motionId, receipt: answer.receipt, replacedReceipt: answer.replacedReceipt ?? null };
  }
}
