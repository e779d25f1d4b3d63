// The sunshine vote: motions, their results, the vote flow (choose, confirm, receipt), sign-in and the
// receipt check. Pure render functions over the state the element keeps in its personal-data controller.
import { formatNumber, formatPercent, type Locale } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { choiceLabel, dateTime, pick, ruleLabel, titleOf, turnoutText } from './labels.js';
import { CHOICES, type BallotAnswer, type Choice, type Motion, type MyBallot, type Results } from './types.js';

export type FlowStep = 'loading' | 'choose' | 'confirm' | 'sending' | 'uncertain' | 'receipt' | 'refused';

/** A vote in progress: personal, held only by the personal-data controller. */
export interface VoteFlow {
  motionId: string;
  step: FlowStep;
  previous?: MyBallot | null;
  choice?: Choice;
  /** One key per confirmed choice: a retry after a lost answer sends the same one. */
  key?: string;
  answer?: BallotAnswer;
  /** The answer came only after a retry of the same key. */
  retried?: boolean;
  error?: string;
}

export interface SignInState {
  step: 'card' | 'pin';
  card: string;
  error?: string;
  busy?: boolean;
}

const statusLabel = (m: Motion) => (m.status === 'open' ? msg('Voting open') : m.status === 'closed' ? msg('Voting closed') : msg('Not open yet'));

export function renderMotionList(motions: Motion[], selected: string | undefined, locale: Locale, onSelect: (id: string) => void): TemplateResult {
  if (motions.length === 0) return html`<p class="empty" part="empty">${msg('No motions have been put to the vote yet.')}</p>`;
  return html`<div class="tabs motions" role="group" aria-label=${msg('Motions')}>
    ${motions.map(
      (m) => html`<button class="chip" data-motion=${m.id} aria-pressed=${m.id === selected ? 'true' : 'false'} @click=${() => onSelect(m.id)}>
        <span class="badge ${m.status}">${statusLabel(m)}</span> ${titleOf(m.title, locale)}
      </button>`,
    )}
  </div>`;
}

export function renderResults(results: Results | undefined, error: string, motion: Motion): TemplateResult {
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  if (!results) return html`<p class="muted" role="status">${msg('Loading the tally…')}</p>`;
  const turnout = html`<p class="turnout" part="turnout">${turnoutText(results.ballots, results.eligibleHouseholds)}</p>`;
  if (results.countsHidden || !results.counts || !results.percentages) {
    return html`<div class="results" part="results" data-hidden>
      ${turnout}
      <p class="note">${msg('The counts stay hidden while voting is open, to keep every ballot secret. They are published when voting closes.')}</p>
    </div>`;
  }
  const { counts, percentages } = results;
  const choices = motion.choices.length ? motion.choices : [...CHOICES];
  return html`<div class="results" part="results">
    <p class="verdict ${results.passed ? 'passed' : 'failed'}" part="verdict">${results.passed ? `✓ ${msg('Passed')}` : `✗ ${msg('Not passed')}`}</p>
    <ck-chart
      class="chart"
      type="bar"
      label=${msg('Votes by choice')}
      category-label=${msg('Choice')}
      unit=${msg('households')}
      .labels=${choices.map(choiceLabel)}
      .series=${[{ label: msg('Households'), data: choices.map((c) => counts[c]) }]}
    ></ck-chart>
    <ul class="tally" part="tally">
      ${choices.map((c) => html`<li data-choice=${c}><strong>${choiceLabel(c)}</strong> ${msg(str`${formatNumber(counts[c])} households (${formatNumber(percentages[c], { maximumFractionDigits: 1 })}%)`)}</li>`)}
    </ul>
    ${turnout}
    <p class="muted">${ruleLabel(results.rule)}</p>
  </div>`;
}

export interface MotionContext {
  locale: Locale;
  timeZone: string;
  flow: VoteFlow | undefined;
  signedIn: boolean;
  onStart: () => void;
  onChoose: (choice: Choice) => void;
  onConfirm: () => void;
  onBack: () => void;
  onRetry: () => void;
  onFinish: () => void;
  onCheck: (receipt: string) => void;
}

export function renderMotion(m: Motion, results: TemplateResult, ctx: MotionContext): TemplateResult {
  const flow = ctx.flow?.motionId === m.id ? ctx.flow : undefined;
  return html`<section class="screen motion" aria-labelledby="motion-title" data-status=${m.status}>
    <h2 id="motion-title" class="title">${titleOf(m.title, ctx.locale)}</h2>
    <p class="dates">
      <span class="badge ${m.status}">${statusLabel(m)}</span>
      ${m.status === 'upcoming' ? msg(str`Voting opens ${dateTime(m.opensAt, ctx.timeZone)}.`) : m.status === 'open' ? msg(str`Voting closes ${dateTime(m.closesAt, ctx.timeZone)}.`) : msg(str`Voting closed ${dateTime(m.closesAt, ctx.timeZone)}.`)}
    </p>
    <div class="cols">
      <div>
        <div class="plain" part="motion-body">
          <h3>${msg('The motion in plain words')}</h3>
          <p>${pick(m.body, ctx.locale)}</p>
          <p class="muted">${ruleLabel(m.rule)} ${msg('One vote per household; a new vote before the close replaces the earlier one.')}</p>
        </div>
        ${flow ? renderFlow(flow, m, ctx) : m.status === 'open' ? renderStart(m, ctx) : nothing}
      </div>
      <div>
        <h3>${msg('Results')}</h3>
        ${results}
      </div>
    </div>
  </section>`;
}

function renderStart(m: Motion, ctx: MotionContext): TemplateResult {
  if (m.choices.length === 0) return html`<p class="error" role="alert">${msg('This motion has no choices to vote on. Please ask the community office.')}</p>`;
  return html`<button class="action big" data-action="vote" @click=${ctx.onStart}>${ctx.signedIn ? msg('Vote') : msg('Verify and vote')}</button>`;
}

function renderFlow(flow: VoteFlow, m: Motion, ctx: MotionContext): TemplateResult {
  const choices = m.choices.length ? m.choices : [];
  switch (flow.step) {
    case 'loading':
      return html`<p class="muted" role="status">${msg('Checking whether your household has voted…')}</p>`;
    case 'choose':
      return html`<div class="flow" part="vote">
        ${flow.previous
          ? html`<p class="note" role="note" data-previous>${msg(str`Your household has already voted (receipt ${flow.previous.receipt}). A new vote replaces it.`)}</p>`
          : nothing}
        <h3>${msg('Your choice')}</h3>
        <div class="choices" role="group" aria-label=${msg('Your choice')}>
          ${choices.map((c) => html`<button class="choice ${c}" data-choice=${c} @click=${() => ctx.onChoose(c)}>${choiceLabel(c)}</button>`)}
        </div>
        <button class="action secondary" data-action="cancel" @click=${ctx.onFinish}>${msg('Cancel and sign out')}</button>
      </div>`;
    case 'confirm':
    case 'sending':
      return html`<div class="flow confirm" part="confirm">
        <h3>${msg('Please confirm')}</h3>
        <p class="big-text">${msg(str`You are voting: ${choiceLabel(flow.choice!)}`)}</p>
        ${flow.previous ? html`<p class="note">${msg('This replaces your household’s earlier vote.')}</p>` : nothing}
        <div class="row">
          <button class="action big" data-action="confirm" ?disabled=${flow.step === 'sending'} @click=${ctx.onConfirm}>${flow.step === 'sending' ? msg('Sending…') : msg('Confirm my vote')}</button>
          <button class="action secondary" data-action="back" ?disabled=${flow.step === 'sending'} @click=${ctx.onBack}>${msg('Back')}</button>
        </div>
      </div>`;
    case 'uncertain':
      return html`<div class="flow" part="uncertain" role="alert">
        <h3>${msg('The connection was lost')}</h3>
        <p>${msg('We do not know yet whether your vote arrived. Try again: the same vote is sent again and can never be counted twice.')}</p>
        ${flow.error ? html`<p class="error">${flow.error}</p>` : nothing}
        <button class="action big" data-action="retry" @click=${ctx.onRetry}>${msg('Try again')}</button>
      </div>`;
    case 'refused':
      return html`<div class="flow" part="refused" role="alert">
        <p class="error" data-reason>${flow.error}</p>
        <button class="action" data-action="finish" @click=${ctx.onFinish}>${msg('Finish and sign out')}</button>
      </div>`;
    case 'receipt': {
      const answer = flow.answer!;
      return html`<div class="flow receipt" part="receipt" role="status">
        <h3>${msg('Your vote is counted')}</h3>
        ${flow.retried ? html`<p class="note" data-once>${msg('The connection came back: your vote is counted once.')}</p>` : nothing}
        ${answer.replacedReceipt ? html`<p class="note" data-replaced>${msg(str`It replaces your household’s earlier vote (receipt ${answer.replacedReceipt}), which no longer counts.`)}</p>` : nothing}
        <p>${msg('Your receipt code. Note it or scan it: anyone can check it appears in the public tally. It does not show your choice.')}</p>
        <p class="code" part="receipt-code">${answer.receipt}</p>
        <ck-qr-code class="qr" size="200" value=${answer.receipt} label=${msg('Your receipt code')}></ck-qr-code>
        <div class="row">
          <button class="action secondary" data-action="check-mine" @click=${() => ctx.onCheck(answer.receipt)}>${msg('Check it in the tally')}</button>
          <button class="action big" data-action="finish" @click=${ctx.onFinish}>${msg('Finish and sign out')}</button>
        </div>
      </div>`;
    }
  }
}

export interface SignInContext {
  prefix: string;
  onCard: (digits: string) => void;
  onPin: (pin: string) => void;
  onCancel: () => void;
}

export function renderSignIn(state: SignInState, ctx: SignInContext): TemplateResult {
  return html`<section class="screen signin" part="signin" aria-labelledby="signin-title">
    <h2 id="signin-title" class="title">${msg('Verify that you live here')}</h2>
    <p>${msg('Your resident card number and PIN show that you are a resident. Nothing is kept on this kiosk.')}</p>
    ${state.error ? html`<p class="error" role="alert" data-reason>${state.error}</p>` : nothing}
    ${state.step === 'card'
      ? html`<p class="muted">${ctx.prefix ? msg(str`Card numbers start with ${ctx.prefix}: enter the digits after it.`) : nothing}</p>
          <ck-keypad
            data-step="card"
            label=${msg('Resident card number')}
            minlength="1"
            maxlength="16"
            @ck-keypad-submit=${(e: Event) => ctx.onCard((e.currentTarget as HTMLElement & { value: string }).value)}
          ></ck-keypad>`
      : html`<p class="muted">${msg(str`Card ${state.card}`)}</p>
          <ck-keypad
            data-step="pin"
            masked
            minlength="4"
            maxlength="8"
            ?inert=${state.busy}
            @ck-keypad-submit=${(e: Event) => ctx.onPin((e.currentTarget as HTMLElement & { value: string }).value)}
          ></ck-keypad>`}
    <button class="action secondary" data-action="cancel-signin" @click=${ctx.onCancel}>${msg('Cancel')}</button>
  </section>`;
}

export interface ReceiptContext {
  locale: Locale;
  query: string;
  result: { receipt: string; counted: boolean } | undefined;
  error: string;
  keyboard: boolean;
  onQuery: (text: string) => void;
  onCheck: (text: string) => void;
}

export function renderReceipts(results: Results | undefined, ctx: ReceiptContext): TemplateResult {
  return html`<div class="receipts" part="receipts">
    <h3>${msg('Check my receipt')}</h3>
    <p class="muted">${msg('Type your receipt code. Capital or small letters, O or 0, I or 1: all the same.')}</p>
    ${ctx.keyboard
      ? html`<ck-keyboard
          layout="en"
          maxlength="20"
          enter-label=${msg('Check')}
          placeholder=${msg('Receipt code')}
          .value=${ctx.query}
          @ck-keyboard-input=${(e: CustomEvent<{ value: string }>) => ctx.onQuery(e.detail.value)}
          @ck-keyboard-enter=${(e: CustomEvent<{ value: string }>) => ctx.onCheck(e.detail.value)}
        ></ck-keyboard>`
      : nothing}
    <button class="action" data-action="check" ?disabled=${!ctx.query.trim()} @click=${() => ctx.onCheck(ctx.query)}>${msg('Check')}</button>
    ${ctx.error ? html`<p class="error" role="alert">${ctx.error}</p>` : nothing}
    ${ctx.result
      ? ctx.result.counted
        ? html`<p class="found" role="status" data-found>✓ ${msg(str`Receipt ${ctx.result.receipt} is counted in the public tally.`)}</p>`
        : html`<p class="error" role="status" data-not-found>✗ ${msg(str`Receipt ${ctx.result.receipt} is not in the tally. It may have been replaced by a later vote of your household; check the code and try again.`)}</p>`
      : nothing}
    <h3>${results ? msg(str`Counted receipts (${formatNumber(results.receipts.length)})`) : msg('Counted receipts')}</h3>
    ${results
      ? results.receipts.length
        ? html`<ul class="receipt-list" part="receipt-list" tabindex="0" aria-label=${msg('Counted receipts')}>${results.receipts.map((r) => html`<li class=${ctx.result?.counted && ctx.result.receipt === r ? 'hit' : ''}>${r}</li>`)}</ul>`
        : html`<p class="empty">${msg('No ballots yet.')}</p>`
      : html`<p class="muted" role="status">${msg('Loading the tally…')}</p>`}
    ${results ? html`<p class="muted">${msg(str`Turnout: ${formatPercent(results.turnout)}`)}</p>` : nothing}
  </div>`;
}
