import { css } from 'lit';

/** Decorative line icons from `icons.ts`: sized by the text, coloured by it. */
export const iconStyles = css`
  .icon {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;

/**
 * The native buttons inside the elements (close, keypad keys, toggles, retry)
 * share one look with `ck-button`, without depending on it being registered.
 */
export const controlStyles = css`
  .control {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--ck-space-2);
    min-width: var(--ck-touch-target);
    min-height: var(--ck-touch-target);
    padding: var(--ck-space-2) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-accent);
    border-radius: var(--ck-radius);
    background: var(--ck-color-bg);
    color: var(--ck-color-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    /* No double-tap zoom delay on touchscreens. */
    touch-action: manipulation;
    user-select: none;
  }
  .control.primary {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
  }
  .control:active {
    transform: translateY(1px);
  }
  .control[aria-disabled='true'] {
    border-color: var(--ck-color-border);
    background: var(--ck-color-surface);
    color: var(--ck-color-text-muted);
    cursor: not-allowed;
    transform: none;
  }
`;
