// The public screens: the problem, proposals, meetings and supervision. Pure render functions; the element
// wires their callbacks.
import { formatNumber, formatPercent, type Locale } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { dateTime, day, figureLabel, pick, progressStatusLabel, titleOf } from './labels.js';
import type { Board, Comment, Meeting, Proposal } from './types.js';

export function renderProblem(board: Board, locale: Locale): TemplateResult {
  const { topic } = board;
  const figure = (key: string) => topic.figures.find((f) => f.key === key)?.value;
  const cars = figure('cars');
  const spaces = figure('spaces');
  const chartable = cars !== undefined && spaces !== undefined;
  return html`<section class="screen" aria-labelledby="problem-title">
    <h2 id="problem-title" class="title">${pick(topic.title, locale) || msg('The problem')}</h2>
    ${topic.summary[locale] ? html`<p class="lead">${pick(topic.summary, locale)}</p>` : nothing}
    ${topic.figures.length === 0
      ? html`<p class="empty" part="empty">${msg('No figures have been published for this topic yet.')}</p>`
      : html`<div class="figures">
          ${chartable
            ? html`<ck-chart
                part="chart"
                class="chart"
                type="bar"
                label=${msg('Cars and parking spaces')}
                category-label=${msg('What')}
                .labels=${[figureLabel('cars'), figureLabel('spaces')]}
                .series=${[{ label: msg('Number'), data: [cars, spaces] }]}
              ></ck-chart>`
            : nothing}
          <dl class="facts" part="figures">
            ${topic.figures.map((f) => html`<div class="fact"><dt>${figureLabel(f.key)}</dt><dd>${formatNumber(f.value)}</dd></div>`)}
          </dl>
          ${chartable && cars > spaces
            ? html`<p class="shortfall" role="note">${msg(str`${formatNumber(cars - spaces)} more cars than spaces: ${formatPercent(spaces / cars)} of cars have a space.`)}</p>`
            : nothing}
        </div>`}
    ${renderAnswer(topic.officialAnswer, locale, msg('Official answer'))}
  </section>`;
}

export function renderAnswer(answer: Board['topic']['officialAnswer'], locale: Locale, heading: string): TemplateResult {
  return html`<div class="answer" part="answer">
    <h3>${heading}</h3>
    <p>${answer ? pick(answer, locale) : msg('No official answer has been published yet.')}</p>
  </div>`;
}

export interface ProposalContext {
  locale: Locale;
  supported: ReadonlySet<string>;
  busy: string | undefined;
  onSupport: (id: string, on: boolean) => void;
  onOpen: (id: string) => void;
}

export function supportBar(p: Proposal): TemplateResult {
  const threshold = p.threshold;
  if (!threshold) return html`<p class="count">${msg(str`${formatNumber(p.supports)} supports`)}</p>`;
  const text = msg(str`${formatNumber(p.supports)} of ${formatNumber(threshold)} supports needed`);
  return html`<div class="bar-wrap">
    <progress class="bar" max=${threshold} value=${Math.min(p.supports, threshold)} aria-label=${text}></progress>
    <p class="count">${text}${p.supports >= threshold ? html` · <strong>${msg('Threshold reached')}</strong>` : nothing}</p>
  </div>`;
}

function supportButton(p: Proposal, ctx: ProposalContext): TemplateResult {
  const on = ctx.supported.has(p.id);
  return html`${on ? html`<p class="mine" part="mine">✓ ${msg('You supported this')}</p>` : nothing}
    <button class="action ${on ? 'secondary' : ''}" data-action="support" ?disabled=${ctx.busy === p.id} @click=${() => ctx.onSupport(p.id, !on)}>
      ${on ? msg('Withdraw my support') : msg('Support')}
    </button>`;
}

export function renderProposals(proposals: Proposal[], ctx: ProposalContext): TemplateResult {
  if (proposals.length === 0) return html`<p class="empty" part="empty">${msg('No proposals yet.')}</p>`;
  return html`<ol class="cards" part="proposals" aria-label=${msg('Proposals')}>
    ${proposals.map(
      (p) => html`<li class="card" data-id=${p.id}>
        <h3>${titleOf(p.title, ctx.locale)}</h3>
        <p>${pick(p.body, ctx.locale)}</p>
        ${supportBar(p)}
        <div class="row">
          ${supportButton(p, ctx)}
          <button class="action secondary" data-action="comments" @click=${() => ctx.onOpen(p.id)}>${msg(str`Comments (${formatNumber(p.comments)})`)}</button>
        </div>
      </li>`,
    )}
  </ol>`;
}

export interface DetailContext extends ProposalContext {
  comments: Comment[] | undefined;
  commentsError: string;
  reported: ReadonlySet<string>;
  draft: string | undefined;
  keyboard: boolean;
  onBack: () => void;
  onReport: (commentId: string) => void;
  onWrite: () => void;
  onPhrase: (text: string) => void;
  onDraft: (text: string) => void;
  onPost: () => void;
  phrases: string[];
}

export function renderProposalDetail(p: Proposal, ctx: DetailContext): TemplateResult {
  return html`<section class="screen detail" aria-labelledby="proposal-title">
    <button class="back" data-action="back" @click=${ctx.onBack}>‹ ${msg('All proposals')}</button>
    <h2 id="proposal-title" class="title">${titleOf(p.title, ctx.locale)}</h2>
    <p class="lead">${pick(p.body, ctx.locale)}</p>
    ${supportBar(p)}
    <div class="row">${supportButton(p, ctx)}</div>
    ${p.officialAnswer ? renderAnswer(p.officialAnswer, ctx.locale, msg('Official answer')) : nothing}
    <h3>${msg('Comments')}</h3>
    ${ctx.commentsError
      ? html`<p class="error" role="alert">${ctx.commentsError}</p>`
      : ctx.comments === undefined
        ? html`<p class="muted" role="status">${msg('Loading comments…')}</p>`
        : ctx.comments.length === 0
          ? html`<p class="empty">${msg('No comments yet.')}</p>`
          : html`<ul class="comments" part="comments">
              ${ctx.comments.map(
                (c) => html`<li class="comment" data-id=${c.id}>
                  <p>${c.body}</p>
                  ${ctx.reported.has(c.id)
                    ? html`<span class="muted">${msg('Reported. Thank you.')}</span>`
                    : html`<button class="link" data-action="report" @click=${() => ctx.onReport(c.id)}>${msg('Report this comment')}</button>`}
                </li>`,
              )}
            </ul>`}
    ${ctx.draft === undefined
      ? html`<button class="action" data-action="write" @click=${ctx.onWrite}>${msg('Add a comment')}</button>`
      : html`<div class="compose" part="compose">
          <p>${msg('Tap a phrase, or type on the keyboard below.')}</p>
          <div class="phrases" role="group" aria-label=${msg('Quick phrases')}>
            ${ctx.phrases.map((text) => html`<button class="chip" data-action="phrase" @click=${() => ctx.onPhrase(text)}>${text}</button>`)}
          </div>
          ${ctx.keyboard
            ? html`<ck-keyboard
                maxlength="200"
                enter-label=${msg('Post')}
                placeholder=${msg('Your comment')}
                .value=${ctx.draft}
                @ck-keyboard-input=${(e: CustomEvent<{ value: string }>) => ctx.onDraft(e.detail.value)}
                @ck-keyboard-enter=${() => ctx.onPost()}
              ></ck-keyboard>`
            : html`<p class="draft" aria-live="polite">${ctx.draft || msg('(choose a phrase)')}</p>`}
          <button class="action" data-action="post" ?disabled=${!ctx.draft?.trim()} @click=${ctx.onPost}>${msg('Post comment')}</button>
        </div>`}
  </section>`;
}

export function renderMeetings(meetings: Meeting[], locale: Locale, timeZone: string): TemplateResult {
  if (meetings.length === 0) return html`<p class="empty" part="empty">${msg('No meetings yet.')}</p>`;
  return html`<ol class="cards" part="meetings" aria-label=${msg('Meetings')}>
    ${meetings.map(
      (m) => html`<li class="card">
        <h3>${dateTime(m.startsAt, timeZone)} · ${pick(m.place, locale)}</h3>
        <h4>${msg('Agenda')}</h4>
        ${m.agenda.length ? html`<ol>${m.agenda.map((a) => html`<li>${pick(a, locale)}</li>`)}</ol>` : html`<p class="muted">${msg('No agenda published.')}</p>`}
        <h4>${msg('Attendance')}</h4>
        ${m.attendance
          ? html`<p>${msg(str`${formatNumber(m.attendance.residents)} residents`)}${m.attendance.departments.length ? html`; ${msg('departments:')} ${m.attendance.departments.map((d) => pick(d, locale)).join(locale === 'zh-CN' ? '、' : ', ')}` : nothing}</p>`
          : html`<p class="muted">${msg('Attendance not recorded.')}</p>`}
        <h4>${msg('Minutes')}</h4>
        <p>${m.minutes ? pick(m.minutes, locale) : msg('The minutes are not published yet.')}</p>
        <h4>${msg('Decisions')}</h4>
        ${m.decisions.length ? html`<ul>${m.decisions.map((d) => html`<li>${pick(d, locale)}</li>`)}</ul>` : html`<p class="muted">${msg('No decisions recorded.')}</p>`}
      </li>`,
    )}
  </ol>`;
}

export function renderFollowUps(board: Board, locale: Locale): TemplateResult {
  const qr = (url: string, label: string) => (url ? html`<ck-qr-code class="qr" size="128" value=${url} label=${label}></ck-qr-code>` : nothing);
  return html`<h3>${msg('Official answers')}</h3>
    <ul class="cards" part="answers">
      ${board.proposals.map(
        (p) => html`<li class="card follow" data-id=${p.id}>
          <div>
            <h4>${titleOf(p.title, locale)}</h4>
            <p>${p.officialAnswer ? pick(p.officialAnswer, locale) : msg('No official answer yet.')}</p>
          </div>
          ${qr(p.followUrl, msg('Follow this proposal on your phone'))}
        </li>`,
      )}
    </ul>
    <h3>${msg('Progress')}</h3>
    ${board.progress.length === 0
      ? html`<p class="empty">${msg('No progress items yet.')}</p>`
      : html`<ul class="cards" part="progress">
          ${board.progress.map(
            (item) => html`<li class="card follow ${item.overdue ? 'overdue' : ''}" data-id=${item.id}>
              <div>
                <h4>${titleOf(item.title, locale)} ${item.overdue ? html`<span class="badge danger" part="overdue">⚠ ${msg('Overdue')}</span>` : nothing}</h4>
                <dl class="meta">
                  <div><dt>${msg('Owner')}</dt><dd>${item.owner || '—'}</dd></div>
                  <div><dt>${msg('Deadline')}</dt><dd>${item.dueOn ? day(item.dueOn) : '—'}</dd></div>
                  <div><dt>${msg('Status')}</dt><dd>${progressStatusLabel(item.status)}</dd></div>
                </dl>
              </div>
              ${qr(item.followUrl, msg('Follow this item on your phone'))}
            </li>`,
          )}
        </ul>`}`;
}
