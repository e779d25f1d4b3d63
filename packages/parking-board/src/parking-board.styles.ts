import { css } from 'lit';

export const parkingBoardStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    color: var(--ck-color-text);
    background: var(--ck-color-bg);
    font-size: var(--ck-font-size-body);
    line-height: var(--ck-line-height);
  }
  /* In a box of fixed height (the kiosk's screen): the tabs stay, the screen below them scrolls in its own
     panel, never the page. In a page of auto height max-height is no limit and nothing scrolls. */
  .board {
    display: flex;
    flex-direction: column;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3);
    box-sizing: border-box;
    max-height: 100%;
  }
  .board > * {
    flex: none;
  }
  .board > .screen {
    /* The containing block of visually hidden text placed absolutely inside: without it that text sits below the
       panel, outside it, and scrolls the page. */
    position: relative;
    flex: 0 1 auto;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2);
  }
  /* Narrow (a portrait kiosk at 200% zoom): the five tabs on one row that scrolls sideways, not four rows above the screen. */
  @container (max-width: 600px) {
    .nav {
      flex-wrap: nowrap;
      overflow-x: auto;
      overscroll-behavior: contain;
      padding-block-end: var(--ck-space-1);
    }
    .nav .tab {
      flex: none;
    }
  }
  button {
    font: inherit;
    min-block-size: var(--ck-touch-target);
    min-inline-size: var(--ck-touch-target);
    border-radius: var(--ck-radius);
    border: var(--ck-border-width) solid var(--ck-color-accent);
    padding: var(--ck-space-1) var(--ck-space-3);
    cursor: pointer;
    touch-action: manipulation;
  }
  button:focus-visible {
    outline: var(--ck-focus-width) solid var(--ck-color-focus);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .tab,
  .chip,
  .action.secondary,
  .back,
  .link {
    background: var(--ck-color-surface);
    color: var(--ck-color-accent);
  }
  .tab[aria-current='page'],
  .chip[aria-pressed='true'],
  .action {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    font-weight: 600;
  }
  .link {
    border-color: var(--ck-color-border);
    font-size: var(--ck-font-size-small);
  }
  .big {
    font-size: var(--ck-font-size-large);
    min-block-size: calc(var(--ck-touch-target) * 1.25);
  }
  .title {
    font-size: var(--ck-font-size-title);
    margin: 0 0 var(--ck-space-2);
  }
  h3 {
    font-size: var(--ck-font-size-large);
    margin: var(--ck-space-3) 0 var(--ck-space-1);
  }
  h4 {
    font-size: var(--ck-font-size-body);
    margin: var(--ck-space-2) 0 var(--ck-space-1);
  }
  .lead {
    font-size: var(--ck-font-size-large);
  }
  .muted {
    color: var(--ck-color-text-muted);
  }
  .error {
    color: var(--ck-color-danger);
    font-weight: 600;
  }
  .found {
    color: var(--ck-color-success);
    font-weight: 600;
  }
  .notice {
    margin: 0;
    padding: var(--ck-space-2) var(--ck-space-3);
    border-radius: var(--ck-radius);
    border: var(--ck-border-width) solid currentColor;
  }
  .notice.error {
    color: var(--ck-color-danger);
  }
  .notice.success {
    color: var(--ck-color-success);
  }
  .note {
    border-inline-start: 6px solid var(--ck-color-warning);
    padding-inline-start: var(--ck-space-2);
  }
  .who {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--ck-space-2);
    padding: var(--ck-space-2);
    background: var(--ck-color-surface);
    border-radius: var(--ck-radius);
  }
  .figures {
    display: grid;
    gap: var(--ck-space-3);
  }
  .chart {
    max-inline-size: 720px;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: var(--ck-space-2);
    margin: 0;
  }
  .fact,
  .card,
  .answer,
  .plain,
  .flow,
  .results,
  .receipts,
  .compose {
    background: var(--ck-color-surface);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    padding: var(--ck-space-3);
  }
  .fact dt {
    color: var(--ck-color-text-muted);
  }
  .fact dd {
    margin: 0;
    font-size: var(--ck-font-size-title);
    font-weight: 700;
  }
  .shortfall {
    font-size: var(--ck-font-size-large);
    font-weight: 600;
  }
  .cards {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: var(--ck-space-3);
  }
  .card h3 {
    margin-top: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2);
    align-items: center;
  }
  .mine {
    color: var(--ck-color-success);
    font-weight: 700;
    margin: 0;
  }
  /* A native progress bar: accessible as it is, and styled without inline styles (strict CSP). */
  .bar {
    appearance: none;
    inline-size: 100%;
    block-size: 1.25rem;
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: 999px;
    overflow: hidden;
    background: var(--ck-color-bg);
  }
  .bar::-webkit-progress-bar {
    background: var(--ck-color-bg);
  }
  .bar::-webkit-progress-value {
    background: var(--ck-color-accent);
  }
  .bar::-moz-progress-bar {
    background: var(--ck-color-accent);
  }
  .count {
    margin: var(--ck-space-1) 0;
  }
  .comments {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--ck-space-2);
  }
  .comment {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--ck-space-2);
    border-block-end: 1px solid var(--ck-color-border);
  }
  .phrases,
  .choices,
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2);
    margin-block: var(--ck-space-2);
  }
  .choice {
    flex: 1 1 10rem;
    min-block-size: calc(var(--ck-touch-target) * 1.5);
    font-size: var(--ck-font-size-large);
    font-weight: 700;
    background: var(--ck-color-surface);
    color: var(--ck-color-text);
  }
  .big-text {
    font-size: var(--ck-font-size-title);
    font-weight: 700;
  }
  /* Landscape kiosks: the motion and the vote on the left, the results beside them. */
  @container (min-width: 1400px) {
    .cols {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--ck-space-4);
      align-items: start;
    }
    .cols > div > h3:first-child {
      margin-block-start: 0;
    }
  }
  .code {
    font-size: calc(var(--ck-font-size-title) * 2);
    font-weight: 800;
    letter-spacing: 0.08em;
    font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace;
    margin: var(--ck-space-2) 0;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--ck-space-1);
    border-radius: var(--ck-radius);
    border: 1px solid currentColor;
    font-size: var(--ck-font-size-small);
  }
  .badge.danger {
    color: var(--ck-color-danger);
    font-weight: 700;
  }
  .overdue {
    border-color: var(--ck-color-danger);
    border-width: 3px;
  }
  .verdict {
    font-size: var(--ck-font-size-title);
    font-weight: 800;
    margin: 0;
  }
  .verdict.passed {
    color: var(--ck-color-success);
  }
  .verdict.failed {
    color: var(--ck-color-danger);
  }
  .tally {
    list-style: none;
    padding: 0;
    font-size: var(--ck-font-size-large);
  }
  .follow > div {
    flex: 1;
  }
  .flow,
  .results,
  .receipts,
  .compose,
  .answer,
  .signin > .action,
  .detail > .action {
    margin-block-start: var(--ck-space-3);
  }
  .follow {
    display: flex;
    justify-content: space-between;
    gap: var(--ck-space-3);
    align-items: flex-start;
  }
  .qr {
    flex: none;
  }
  .meta {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: var(--ck-space-1);
    margin: 0;
  }
  .meta dt {
    color: var(--ck-color-text-muted);
    font-size: var(--ck-font-size-small);
  }
  .meta dd {
    margin: 0;
  }
  .receipt-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
    gap: var(--ck-space-1) var(--ck-space-3);
    padding: 0;
    list-style: none;
    font-family: ui-monospace, monospace;
    white-space: nowrap;
    max-block-size: 24rem;
    overflow: auto;
  }
  .receipt-list .hit {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    font-weight: 700;
  }
  .draft {
    font-size: var(--ck-font-size-large);
    min-block-size: var(--ck-touch-target);
    border: var(--ck-border-width) dashed var(--ck-color-border);
    padding: var(--ck-space-2);
  }
  ck-keypad {
    max-inline-size: 32rem;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
