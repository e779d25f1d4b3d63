import { css } from 'lit';

export const buttonStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--ck-space-2);
    width: 100%;
    min-width: var(--ck-touch-target);
    min-height: var(--ck-touch-target);
    padding: var(--ck-space-2) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-accent);
    border-radius: var(--ck-radius);
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
    /* No double-tap zoom delay on touchscreens. */
    touch-action: manipulation;
    user-select: none;
  }
  button:active {
    transform: translateY(1px);
  }
  :host([variant='secondary']) button {
    background: var(--ck-color-bg);
    color: var(--ck-color-accent);
  }
  :host([variant='danger']) button {
    border-color: var(--ck-color-danger);
    background: var(--ck-color-danger);
    color: var(--ck-color-on-danger);
  }
  :host([variant='quiet']) button {
    border-color: transparent;
    background: transparent;
    color: var(--ck-color-accent);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  :host([size='large']) button {
    min-height: calc(var(--ck-touch-target) * 1.5);
    padding: var(--ck-space-3) var(--ck-space-4);
    font-size: var(--ck-font-size-large);
  }
  button:disabled {
    border-color: var(--ck-color-border);
    background: var(--ck-color-surface);
    color: var(--ck-color-text-muted);
    text-decoration: none;
    cursor: not-allowed;
    transform: none;
  }
  ::slotted([slot='icon']) {
    flex: none;
    width: 1.25em;
    height: 1.25em;
  }
`;
