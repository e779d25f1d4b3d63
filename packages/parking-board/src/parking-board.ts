import {
  ApiError,
  enumConverter,
  fire,
  IdleResetController,
  KioskElement,
  newIdempotencyKey,
  PersonalDataController,
  SessionController,
  urlConverter,
  formatTime,
  warnOnce,
} from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { renderFollowUps, renderMeetings, renderProblem, renderProposalDetail, renderProposals } from './board-views.js';
import { quickPhrases, reasonOf, titleOf } from './labels.js';
import { parkingBoardStyles } from './parking-board.styles.js';
import { findReceipt } from './receipt.js';
import { boardRules, cardPrefixConverter, motionIdConverter, TAG, timeZoneConverter, topicIdConverter, VIEWS, type BoardView } from './rules.js';
import type { HttpClient } from '@civic-kiosk/core';
import type { Board, Choice, DeliberationSource, Motion, Resident } from './types.js';
import { renderMotion, renderMotionList, renderReceipts, renderResults, renderSignIn, type SignInState, type VoteFlow } from './vote-view.js';
import './translations.js';

/** Fired when the server confirmed the visitor's vote. No choice, no receipt: only whether it replaced an earlier one. */
export const VOTE_CAST_EVENT = 'ck-vote-cast';
/** Fired when the visitor supported a proposal or withdrew their support (after the server agreed). */
export const PROPOSAL_SUPPORT_EVENT = 'ck-proposal-support';
/** Fired when the visitor's comment was posted. */
export const COMMENT_POST_EVENT = 'ck-comment-post';
/** Fired when the visitor checked a receipt code. */
export const RECEIPT_CHECK_EVENT = 'ck-receipt-check';

export interface VoteCastDetail {
  motionId: string;
  changed: boolean;
}
export interface ProposalSupportDetail {
  proposalId: string;
  supported: boolean;
}
export interface CommentPostDetail {
  proposalId: string;
}
export interface ReceiptCheckDetail {
  motionId: string;
  counted: boolean;
}

declare global {
  interface HTMLElementEventMap {
    [VOTE_CAST_EVENT]: CustomEvent<VoteCastDetail>;
    [PROPOSAL_SUPPORT_EVENT]: CustomEvent<ProposalSupportDetail>;
    [COMMENT_POST_EVENT]: CustomEvent<CommentPostDetail>;
    [RECEIPT_CHECK_EVENT]: CustomEvent<ReceiptCheckDetail>;
  }
}

/** What a resident asked for before they were verified; done once they are. */
type Intent = { kind: 'vote'; motionId: string } | { kind: 'support'; proposalId: string; on: boolean } | { kind: 'comment'; proposalId: string } | { kind: 'report'; commentId: string };

/** Everything personal: the verified resident (and token), their supports, a sign-in or a vote in progress, a draft, a receipt typed. */
interface Personal {
  resident?: Resident;
  supports: string[];
  reported: string[];
  signin?: SignInState;
  intent?: Intent;
  vote?: VoteFlow;
  draft?: string;
  receiptQuery: string;
  receiptResult?: { receipt: string; counted: boolean };
  notice?: { kind: 'error' | 'success'; text: string };
}
const EMPTY: Personal = { supports: [], reported: [], receiptQuery: '' };

/** Where the visitor is: reset to the embedder's start on idle too. */
interface Nav {
  view?: BoardView;
  proposalId?: string;
  motionId?: string;
}

let keyboardModule: Promise<unknown> | undefined;

/**
 * @summary A residents' deliberation on a shared problem: the problem and its figures, proposals with supports and comments, meetings, a sunshine vote with receipts, and the follow-up of the decision.
 * @tagname ck-parking-board
 * @fires {CustomEvent<VoteCastDetail>} ck-vote-cast - The visitor's vote was counted (no choice, no receipt).
 * @fires {CustomEvent<ProposalSupportDetail>} ck-proposal-support - The visitor supported a proposal or withdrew.
 * @fires {CustomEvent<CommentPostDetail>} ck-comment-post - The visitor's comment was posted.
 * @fires {CustomEvent<ReceiptCheckDetail>} ck-receipt-check - The visitor checked a receipt code.
 * @csspart nav - The row of screen buttons.
 * @csspart chart - The chart of cars and spaces.
 * @csspart figures - The figures as text.
 * @csspart answer - An official answer.
 * @csspart proposals - The list of proposals.
 * @csspart meetings - The list of meetings.
 * @csspart results - The results of a motion.
 * @csspart vote - The choice of a vote.
 * @csspart confirm - The confirmation screen.
 * @csspart receipt - The receipt after a vote.
 * @csspart receipt-code - The receipt code shown large.
 * @csspart receipts - The receipt check.
 * @csspart progress - The progress items.
 * @csspart signin - The card and PIN screen.
 * @csspart empty - A "nothing here yet" message (no figures, no proposals, no receipts).
 * @csspart mine - "You supported this" on a proposal.
 * @csspart comments - The comments under a proposal.
 * @csspart compose - The form to write a comment.
 * @csspart answers - The official answers on the follow-up screen.
 * @csspart overdue - The overdue mark of a progress item (always with words).
 * @csspart motion-body - The motion in plain words.
 * @csspart turnout - The turnout line of a motion.
 * @csspart verdict - Passed or not passed, after the close.
 * @csspart tally - The counts per choice, after the close.
 * @csspart uncertain - The "connection was lost" screen after confirming a vote.
 * @csspart refused - The screen when the server refused a vote.
 * @csspart receipt-list - The list of counted receipts.
 * @cssproperty --ck-color-accent - Buttons, the support bar.
 * @cssproperty --ck-color-danger - Errors and the overdue mark (always with words).
 * @cssproperty --ck-touch-target - Minimum size of everything tappable.
 */
export class ParkingBoard extends KioskElement {
  static override styles = [KioskElement.styles, parkingBoardStyles];

  /** Base URL of the API when no session provider gives an HTTP client; ignored when `source` is set. */
  @property({ converter: urlConverter(TAG, 'api', '/api') }) accessor api = '/api';

  /** Any other backend (in-memory for stories and tests); takes precedence over `api`. */
  @property({ attribute: false }) accessor source: DeliberationSource | undefined;

  /** The topic shown; empty: the newest topic. */
  @property({ attribute: 'topic-id', converter: topicIdConverter }) accessor topicId = '';

  /** The motion the vote and supervision screens start on; empty: the open one, else the latest. */
  @property({ attribute: 'motion-id', converter: motionIdConverter }) accessor motionId = '';

  /** The screen the board starts on (and returns to when idle). */
  @property({ converter: enumConverter<BoardView>(TAG, 'view', VIEWS, 'problem') }) accessor view: BoardView = 'problem';

  /** Letters every resident card number of this site starts with (e.g. `XK`): the keypad takes the digits. */
  @property({ attribute: 'card-prefix', converter: cardPrefixConverter }) accessor cardPrefix = '';

  /** IANA time zone of dates shown. */
  @property({ attribute: 'time-zone', converter: timeZoneConverter }) accessor timeZone = 'Asia/Shanghai';

  @state() private accessor keyboardReady = false;
  @state() private accessor busy: string | undefined;

  #session = new SessionController(this, () => ({ api: this.api }));
  /** Declared before the personal data, so on idle it signs the resident out while their token is still held. @internal */
  protected readonly idleSignOut = new IdleResetController(this, () => this.#endSession());
  #personal = new PersonalDataController<Personal>(this, { empty: EMPTY, onWipe: () => (this.busy = undefined) });
  #nav = new PersonalDataController<Nav>(this, { empty: {} });
  #http: { client: HttpClient; source: Promise<DeliberationSource> } | undefined;
  /** Supports counted by the server after the visitor's taps (public numbers). */
  #supportCounts = new Map<string, number>();

  #board = new Task(this, {
    task: async ([source, client, topicId], { signal }) => (await this.#sourceOf(source, client)).board(topicId || undefined, signal),
    args: () => [this.source, this.#client, this.topicId] as const,
  });
  #results = new Task(this, {
    task: async ([source, client, motionId], { signal }) => (motionId ? (await this.#sourceOf(source, client)).results(motionId, signal) : undefined),
    args: () => [this.source, this.#client, this.#currentMotion?.id] as const,
  });
  #comments = new Task(this, {
    task: async ([source, client, proposalId], { signal }) => (proposalId ? (await this.#sourceOf(source, client)).comments(proposalId, signal) : undefined),
    args: () => [this.source, this.#client, this.#nav.value.proposalId] as const,
  });

  /** The session's client when no source is set (the HTTP source is then used). */
  get #client(): HttpClient | undefined {
    return this.source ? undefined : this.#session.client;
  }

  /** The source given, else the HTTP source over the session's client (its module loaded on first use). */
  #sourceOf(source: DeliberationSource | undefined, client: HttpClient | undefined): Promise<DeliberationSource> {
    if (source) return Promise.resolve(source);
    let http = this.#http;
    if (!http || http.client !== client) http = this.#http = { client: client!, source: import('./source.js').then((m) => new m.HttpDeliberationSource(client!)) };
    return http.source;
  }

  get #source(): Promise<DeliberationSource> {
    return this.#sourceOf(this.source, this.#client);
  }

  get #p(): Personal {
    return this.#personal.value;
  }

  #set(change: Partial<Personal>): void {
    this.#personal.value = { ...this.#personal.value, ...change };
  }

  /** The screen shown now. */
  get currentView(): BoardView {
    return this.#nav.value.view ?? this.view;
  }

  /** Whether a resident is verified now. */
  get signedIn(): boolean {
    return !!this.#p.resident;
  }

  /** Resolves when the board's data (and a motion's results or a proposal's comments being shown) is loaded and rendered. */
  get taskComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      await this.#board.taskComplete.catch(() => undefined);
      await this.updateComplete;
      await Promise.all([this.#results.taskComplete.catch(() => undefined), this.#comments.taskComplete.catch(() => undefined)]);
      await this.updateComplete;
    })();
  }

  /** Shows a screen (fires nothing). */
  show(view: BoardView): void {
    this.#nav.value = { ...this.#nav.value, view, proposalId: undefined };
  }

  /** Loads everything again. */
  reload(): Promise<void> {
    return this.#board.run().then(() => undefined, () => undefined);
  }

  /** Signs the resident out on the server and wipes everything personal. */
  signOut(): void {
    this.#endSession();
    this.#personal.wipe('sign-out');
    this.#nav.wipe('sign-out');
  }

  override disconnectedCallback(): void {
    this.#endSession();
    super.disconnectedCallback();
    // The wipe asked for a render that a detached element never gets: render now, so its DOM keeps nothing personal.
    if (this.isUpdatePending) this.performUpdate();
  }

  /** Ends the server session of the verified resident (best effort: the token expires anyway). */
  #endSession(): void {
    const who = this.#p.resident;
    if (who) void this.#source.then((source) => source.signOut(who)).catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    boardRules(this, changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // An `api` that answers something other than the API's JSON (a portal's HTML page): the visitor sees the
    // error banner; the embedder gets one warning naming the attribute and its value (not the answer).
    const error = this.#board.error;
    if (!this.source && !this.#session.provided && error instanceof ApiError && error.code === 'BAD_RESPONSE') {
      warnOnce('ck-parking-board', 'api', this.api, 'answered something that is not the deliberation API (an HTML page?)', 'showing an error; check the URL of the API');
    }
  }

  get #motions(): Motion[] {
    return this.#board.value?.motions ?? [];
  }

  get #currentMotion(): Motion | undefined {
    const motions = this.#motions;
    const wanted = this.#nav.value.motionId ?? this.motionId;
    return motions.find((m) => m.id === wanted) ?? motions.find((m) => m.status === 'open') ?? motions[motions.length - 1];
  }

  #go(view: BoardView): void {
    this.#nav.value = { ...this.#nav.value, view, proposalId: undefined };
    this.#set({ notice: undefined });
  }

  // ---- resident actions ----

  #asResident(intent: Intent): void {
    if (this.#p.resident) void this.#perform(intent);
    else this.#set({ signin: { step: 'card', card: '' }, intent, notice: undefined });
  }

  async #signIn(pin: string): Promise<void> {
    const signin = this.#p.signin;
    if (!signin || signin.busy) return;
    this.#set({ signin: { ...signin, busy: true, error: undefined } });
    try {
      const resident = await (await this.#source).signIn(signin.card, pin);
      const topicId = this.#board.value?.topic.id ?? this.topicId;
      const supports = topicId ? await (await this.#source).mySupports(resident, topicId).catch(() => []) : [];
      const intent = this.#p.intent;
      this.#set({ resident, supports, signin: undefined, intent: undefined });
      if (intent) await this.#perform(intent);
    } catch (error) {
      const locked = error instanceof ApiError && error.code === 'PIN_LOCKED';
      const until = error instanceof ApiError && typeof error.body.lockedUntil === 'string' ? error.body.lockedUntil : '';
      let text = reasonOf(error, this.locale);
      if (locked && until) text += ` ${msg(str`Locked until ${formatTime(until, this.timeZone)}.`)}`;
      // The server's own words already say how many attempts are left; a server that sent none gets the count added.
      if (error instanceof ApiError && typeof error.body.attemptsLeft === 'number' && !error.reasons[this.locale]) text += ` ${msg(str`Attempts left: ${error.body.attemptsLeft}.`)}`;
      if (!this.#p.signin) return;
      this.#set({ signin: { ...signin, step: locked ? 'card' : 'pin', busy: false, error: text } });
      this.renderRoot.querySelector<HTMLElement & { clear(): void }>('ck-keypad')?.clear?.();
    }
  }

  async #perform(intent: Intent): Promise<void> {
    const who = this.#p.resident;
    if (!who) return;
    switch (intent.kind) {
      case 'vote':
        return this.#startVote(who, intent.motionId);
      case 'support':
        return this.#support(who, intent.proposalId, intent.on);
      case 'comment':
        this.#set({ draft: '' });
        return this.#loadKeyboard();
      case 'report':
        return this.#report(who, intent.commentId);
    }
  }

  async #support(who: Resident, proposalId: string, on: boolean): Promise<void> {
    this.busy = proposalId;
    try {
      const answer = await (await this.#source).support(who, proposalId, on, newIdempotencyKey());
      this.#supportCounts.set(proposalId, answer.supports);
      const supports = this.#p.supports.filter((id) => id !== proposalId);
      this.#set({ supports: answer.supported ? [...supports, proposalId] : supports, notice: undefined });
      fire(this, PROPOSAL_SUPPORT_EVENT, { proposalId, supported: answer.supported });
    } catch (error) {
      this.#set({ notice: { kind: 'error', text: reasonOf(error, this.locale) } });
    } finally {
      this.busy = undefined;
    }
  }

  async #post(): Promise<void> {
    const who = this.#p.resident;
    const proposalId = this.#nav.value.proposalId;
    const body = this.#p.draft?.trim();
    if (!who || !proposalId || !body || this.busy) return;
    this.busy = 'comment';
    try {
      await (await this.#source).comment(who, proposalId, body, newIdempotencyKey());
      this.#set({ draft: undefined, notice: { kind: 'success', text: msg('Your comment is posted.') } });
      fire(this, COMMENT_POST_EVENT, { proposalId });
      void this.#comments.run();
    } catch (error) {
      this.#set({ notice: { kind: 'error', text: reasonOf(error, this.locale) } });
    } finally {
      this.busy = undefined;
    }
  }

  async #report(who: Resident, commentId: string): Promise<void> {
    try {
      await (await this.#source).report(who, commentId, newIdempotencyKey());
      this.#set({ reported: [...this.#p.reported, commentId], notice: { kind: 'success', text: msg('Thank you: the comment is reported. Staff will review it.') } });
    } catch (error) {
      this.#set({ notice: { kind: 'error', text: reasonOf(error, this.locale) } });
    }
  }

  async #startVote(who: Resident, motionId: string): Promise<void> {
    this.#set({ vote: { motionId, step: 'loading' } });
    try {
      const previous = await (await this.#source).myBallot(who, motionId);
      this.#set({ vote: { motionId, step: 'choose', previous } });
    } catch (error) {
      this.#set({ vote: { motionId, step: 'refused', error: reasonOf(error, this.locale) } });
    }
  }

  #choose(choice: Choice): void {
    const flow = this.#p.vote;
    // A new key per confirmed choice: choosing again is a new intent, retrying the same one is not.
    if (flow) this.#set({ vote: { ...flow, step: 'confirm', choice, key: newIdempotencyKey() } });
  }

  async #send(retry: boolean): Promise<void> {
    const flow = this.#p.vote;
    const who = this.#p.resident;
    if (!flow?.choice || !flow.key || !who || flow.step === 'sending') return;
    this.#set({ vote: { ...flow, step: 'sending', error: undefined } });
    try {
      const answer = await (await this.#source).vote(who, flow.motionId, flow.choice, flow.key);
      if (this.#p.vote?.key !== flow.key) return;
      // The choice is not kept past the receipt: only the code the resident may note.
      this.#set({ vote: { motionId: flow.motionId, step: 'receipt', answer, retried: retry || flow.retried, previous: flow.previous } });
      fire(this, VOTE_CAST_EVENT, { motionId: flow.motionId, changed: !!answer.replacedReceipt });
      void this.#results.run();
    } catch (error) {
      if (this.#p.vote?.key !== flow.key) return;
      const lost = error instanceof ApiError && (error.offline || error.status >= 500);
      this.#set({ vote: { ...flow, step: lost ? 'uncertain' : 'refused', retried: retry || flow.retried, error: reasonOf(error, this.locale) } });
    }
  }

  async #checkReceipt(text: string): Promise<void> {
    const motion = this.#currentMotion;
    if (!motion || !text.trim()) return;
    const listed = this.#results.value?.receipts ?? [];
    this.#set({ receiptQuery: text, receiptResult: undefined, notice: undefined });
    try {
      // The public list answers tolerant matches at once; the server confirms with the exact code.
      const result = await (await this.#source).checkReceipt(motion.id, findReceipt(listed, text) ?? text);
      this.#set({ receiptResult: result });
      fire(this, RECEIPT_CHECK_EVENT, { motionId: motion.id, counted: result.counted });
    } catch (error) {
      this.#set({ notice: { kind: 'error', text: reasonOf(error, this.locale) } });
    }
  }

  #loadKeyboard(): void {
    if (this.keyboardReady) return;
    if (customElements.get('ck-keyboard')) {
      this.keyboardReady = true;
      return;
    }
    keyboardModule ??= import('./keyboard-loader.js').then((m) => m.loadKeyboard());
    void keyboardModule.then(
      () => (this.keyboardReady = !!customElements.get('ck-keyboard')),
      () => undefined,
    );
  }

  // ---- render ----

  override render(): TemplateResult {
    const view = this.currentView;
    const tabs: [BoardView, string][] = [
      ['problem', msg('The problem')],
      ['proposals', msg('Proposals')],
      ['meetings', msg('Meetings')],
      ['vote', msg('Vote')],
      ['supervision', msg('Follow-up')],
    ];
    const p = this.#p;
    return html`<div class="board">
      <nav part="nav" class="nav" aria-label=${msg('Parking deliberation')}>
        ${tabs.map(([id, label]) => html`<button class="tab" data-view=${id} aria-current=${id === view ? 'page' : 'false'} @click=${() => this.#go(id)}>${label}</button>`)}
      </nav>
      ${p.resident
        ? html`<div class="who" role="status">
            <span>${msg(str`Verified: ${p.resident.name}`)}</span>
            <button class="action secondary" data-action="signout" @click=${() => this.signOut()}>${msg('Sign out')}</button>
          </div>`
        : nothing}
      ${p.notice ? html`<p class="notice ${p.notice.kind}" role=${p.notice.kind === 'error' ? 'alert' : 'status'}>${p.notice.text}</p>` : nothing}
      ${this.#board.render({
        pending: () => (this.#board.value ? this.#screen(this.#board.value, view) : html`<ck-status-banner state="loading" reason=${msg('Loading the deliberation…')}></ck-status-banner>`),
        complete: (board) => html`${board.offline ? html`<ck-status-banner state="offline" reason=${msg('No connection: showing the copy saved on this kiosk. Voting needs the connection.')}></ck-status-banner>` : nothing}
        ${this.#screen(board, view)}`,
        error: (error) => html`<ck-status-banner
          state=${error instanceof ApiError && (error.offline || error.status >= 500) ? 'offline' : 'error'}
          reason=${reasonOf(error, this.locale)}
          retryable
          @ck-retry=${() => void this.reload()}
        ></ck-status-banner>`,
      })}
    </div>`;
  }

  #screen(board: Board, view: BoardView): TemplateResult {
    const signin = this.#p.signin;
    if (signin) {
      return renderSignIn(signin, {
        prefix: this.cardPrefix,
        onCard: (digits) => this.#set({ signin: { step: 'pin', card: `${this.cardPrefix}${digits}` } }),
        onPin: (pin) => void this.#signIn(pin),
        onCancel: () => this.#set({ signin: undefined, intent: undefined }),
      });
    }
    switch (view) {
      case 'problem':
        return renderProblem(board, this.locale);
      case 'proposals':
        return this.#proposals(board);
      case 'meetings':
        return html`<section class="screen"><h2 class="title">${msg('Meetings')}</h2>${renderMeetings(board.meetings, this.locale, this.timeZone)}</section>`;
      case 'vote':
        return this.#vote();
      case 'supervision':
        return this.#supervision(board);
    }
  }

  #proposals(board: Board): TemplateResult {
    const proposals = board.proposals.map((p) => (this.#supportCounts.has(p.id) ? { ...p, supports: this.#supportCounts.get(p.id)! } : p));
    const ctx = {
      locale: this.locale,
      supported: new Set(this.#p.supports),
      busy: this.busy,
      onSupport: (proposalId: string, on: boolean) => this.#asResident({ kind: 'support', proposalId, on }),
      onOpen: (proposalId: string) => (this.#nav.value = { ...this.#nav.value, proposalId }),
    };
    const open = proposals.find((p) => p.id === this.#nav.value.proposalId);
    if (!open) return html`<section class="screen"><h2 class="title">${msg('Proposals')}</h2>${renderProposals(proposals, ctx)}</section>`;
    const commentsError = this.#comments.error ? reasonOf(this.#comments.error, this.locale) : '';
    return renderProposalDetail(open, {
      ...ctx,
      comments: this.#comments.value,
      commentsError,
      reported: new Set(this.#p.reported),
      draft: this.#p.draft,
      keyboard: this.keyboardReady,
      phrases: quickPhrases(),
      onBack: () => {
        this.#nav.value = { ...this.#nav.value, proposalId: undefined };
        this.#set({ draft: undefined, notice: undefined });
      },
      onReport: (commentId) => this.#asResident({ kind: 'report', commentId }),
      onWrite: () => this.#asResident({ kind: 'comment', proposalId: open.id }),
      onPhrase: (text) => this.#set({ draft: this.#p.draft ? `${this.#p.draft} ${text}` : text }),
      onDraft: (text) => this.#set({ draft: text }),
      onPost: () => void this.#post(),
    });
  }

  #motionPicker(): TemplateResult {
    return renderMotionList(this.#motions, this.#currentMotion?.id, this.locale, (motionId) => {
      this.#nav.value = { ...this.#nav.value, motionId };
      this.#set({ receiptResult: undefined });
    });
  }

  #resultsView(motion: Motion): TemplateResult {
    const results = this.#results.value?.motionId === motion.id ? this.#results.value : undefined;
    const error = this.#results.error ? reasonOf(this.#results.error, this.locale) : '';
    return renderResults(results, error, motion);
  }

  #vote(): TemplateResult {
    const motion = this.#currentMotion;
    return html`<section class="screen">
      <h2 class="title visually-hidden">${msg('Sunshine vote')}</h2>
      ${this.#motionPicker()}
      ${motion
        ? renderMotion(motion, this.#resultsView(motion), {
            locale: this.locale,
            timeZone: this.timeZone,
            flow: this.#p.vote,
            signedIn: this.signedIn,
            onStart: () => this.#asResident({ kind: 'vote', motionId: motion.id }),
            onChoose: (choice) => this.#choose(choice),
            onConfirm: () => void this.#send(false),
            onBack: () => this.#p.vote && this.#set({ vote: { ...this.#p.vote, step: 'choose', choice: undefined, key: undefined } }),
            onRetry: () => void this.#send(true),
            onFinish: () => this.signOut(),
            onCheck: (receipt) => {
              this.#nav.value = { ...this.#nav.value, view: 'supervision', motionId: motion.id };
              void this.#checkReceipt(receipt);
            },
          })
        : nothing}
    </section>`;
  }

  #supervision(board: Board): TemplateResult {
    const motion = this.#currentMotion;
    const results = motion && this.#results.value?.motionId === motion.id ? this.#results.value : undefined;
    if (motion) this.#loadKeyboard();
    return html`<section class="screen">
      <h2 class="title">${msg('Follow-up: receipts, answers and progress')}</h2>
      ${this.#motionPicker()}
      ${motion
        ? html`<h3>${titleOf(motion.title, this.locale)}</h3>
            ${renderReceipts(results, {
              locale: this.locale,
              query: this.#p.receiptQuery,
              result: this.#p.receiptResult,
              error: '',
              keyboard: this.keyboardReady,
              onQuery: (text) => this.#set({ receiptQuery: text, receiptResult: undefined }),
              onCheck: (text) => void this.#checkReceipt(text),
            })}`
        : nothing}
      ${renderFollowUps(board, this.locale)}
    </section>`;
  }
}
