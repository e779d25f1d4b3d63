import { css } from 'lit';

export const healthRecordStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--ck-color-bg);
  }
  /* In a box of fixed height (the kiosk's screen) the record scrolls in its own panel, never the page;
     in a page of auto height max-height is no limit. */
  .record {
    display: grid;
    align-content: start;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3);
    box-sizing: border-box;
    max-height: 100%;
    overflow: auto;
    overscroll-behavior: contain;
  }
  h2,
  h3,
  p,
  ul {
    margin: 0;
  }
  ul {
    padding-inline-start: 1.2em;
  }
  button {
    font: inherit;
    min-height: var(--ck-touch-target);
    min-width: var(--ck-touch-target);
    padding: 0 var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
    color: var(--ck-color-text);
    cursor: pointer;
    touch-action: manipulation;
  }
  button[aria-pressed='true'],
  button[aria-selected='true'],
  button.primary {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    border-color: var(--ck-color-accent);
  }
  button:focus-visible {
    outline: var(--ck-focus-width) solid var(--ck-color-focus);
    outline-offset: 2px;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2);
    align-items: center;
  }
  .bar .grow {
    flex: 1;
  }
  .cards {
    display: grid;
    gap: var(--ck-space-3);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
  }
  .trends {
    display: grid;
    gap: var(--ck-space-4);
  }
  /* Landscape kiosks: two charts side by side. */
  @container (min-width: 1400px) {
    .trends {
      grid-template-columns: 1fr 1fr;
    }
  }
  .card {
    background: var(--ck-color-surface);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    padding: var(--ck-space-3);
    display: grid;
    gap: var(--ck-space-2);
    align-content: start;
  }
  .value {
    font-size: var(--ck-font-size-title);
    font-weight: 700;
  }
  .flag {
    font-weight: 700;
  }
  .flag.high,
  .flag.low,
  .flag.abnormal {
    color: var(--ck-color-danger);
  }
  .flag.normal {
    color: var(--ck-color-success);
  }
  .muted {
    color: var(--ck-color-text-muted);
  }
  .signin {
    display: grid;
    gap: var(--ck-space-3);
    justify-items: center;
    max-width: 32rem;
    margin: 0 auto;
  }
  .masked {
    font-size: var(--ck-font-size-large);
    letter-spacing: 0.1em;
    font-variant-numeric: tabular-nums;
  }
  @media print {
    .bar,
    ck-chart {
      display: none;
    }
  }
`;
