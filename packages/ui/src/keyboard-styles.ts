import { css } from 'lit';

export const keyboardStyles = css`
  :host {
    display: block;
    /* Ten keys across, each growing with the touch target: elder mode widens the whole keyboard. */
    inline-size: min(100%, calc(var(--ck-touch-target) * 17));
  }
  .keyboard {
    display: grid;
    gap: var(--ck-space-2);
    padding: var(--ck-space-2);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
  }
  .text {
    display: flex;
    align-items: center;
    min-height: calc(var(--ck-touch-target) * 1.25);
    padding: var(--ck-space-2) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-bg);
    font-size: var(--ck-font-size-title);
    line-height: 1.3;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .composing {
    color: var(--ck-color-accent);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .caret {
    display: inline-block;
    flex: none;
    inline-size: 3px;
    block-size: 1.2em;
    margin-inline: 1px;
    background: var(--ck-color-text);
    animation: blink 1s steps(1) infinite;
  }
  @keyframes blink {
    50% {
      opacity: 0;
    }
  }
  .placeholder {
    color: var(--ck-color-text-muted);
  }
  .candidates {
    display: flex;
    align-items: stretch;
    gap: var(--ck-space-2);
    min-height: calc(var(--ck-touch-target) * 1.15);
  }
  .candidates .words {
    display: flex;
    flex: 1;
    gap: var(--ck-space-2);
    overflow: hidden;
  }
  .candidates .note {
    align-self: center;
    margin: 0;
    color: var(--ck-color-text-muted);
  }
  .candidate {
    min-height: calc(var(--ck-touch-target) * 1.15);
    font-size: var(--ck-font-size-title);
    font-weight: 500;
    white-space: nowrap;
  }
  .page {
    flex: none;
    font-size: var(--ck-font-size-title);
    line-height: 1;
  }
  .keys {
    display: grid;
    gap: var(--ck-space-2);
  }
  .row {
    display: flex;
    gap: var(--ck-space-2);
    justify-content: center;
  }
  .key {
    /* Every key the same width whatever its label; wide keys grow. */
    flex: 1 1 0;
    min-width: 0;
    min-height: calc(var(--ck-touch-target) * 1.15);
    padding-inline: var(--ck-space-1);
    font-size: var(--ck-font-size-large);
  }
  .key.char {
    font-size: var(--ck-font-size-title);
  }
  .key.backspace,
  .key.shift,
  .key.layer,
  .key.layout {
    flex-grow: 1.5;
    font-size: var(--ck-font-size-body);
  }
  .key.space {
    flex-grow: 4;
  }
  .key.enter {
    flex-grow: 2;
  }
  /* The shift arrow and the delete icon read as large as the letters. */
  .key .glyph {
    font-size: var(--ck-font-size-title);
    line-height: 1;
  }
  .key .icon {
    width: 1.6em;
    height: 1.6em;
  }
  .key[aria-pressed='true'] {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
  }
`;
