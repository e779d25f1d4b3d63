import { css } from 'lit';

export const keypadStyles = css`
  :host {
    /* Grows with the touch target, so elder mode widens the keys with the type. */
    inline-size: min(100%, calc(var(--ck-touch-target) * 9));
  }
  .keypad {
    display: grid;
    gap: var(--ck-space-3);
  }
  .label {
    font-size: var(--ck-font-size-large);
    font-weight: 600;
  }
  .display {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: calc(var(--ck-touch-target) * 1.25);
    padding: var(--ck-space-2) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-bg);
    font-size: var(--ck-font-size-title);
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.12em;
    line-height: 1.2;
    overflow-wrap: anywhere;
    text-align: center;
  }
  .hint {
    margin: 0;
    color: var(--ck-color-text-muted);
  }
  .keys {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: var(--ck-space-2);
  }
  .keys .control {
    min-height: calc(var(--ck-touch-target) * 1.25);
    padding-inline: var(--ck-space-2);
  }
  .digit {
    font-size: var(--ck-font-size-title);
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    gap: var(--ck-space-2);
  }
  .actions .control {
    min-height: calc(var(--ck-touch-target) * 1.25);
  }
  .submit {
    flex: 1;
    font-size: var(--ck-font-size-large);
  }
  .x {
    font-size: var(--ck-font-size-title);
  }
`;
