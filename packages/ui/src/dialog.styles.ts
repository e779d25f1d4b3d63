import { css } from 'lit';

export const dialogStyles = css`
  :host {
    display: contents;
  }
  dialog {
    width: min(92vw, 48rem);
    max-height: 90vh;
    padding: 0;
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-bg);
    color: var(--ck-color-text);
    font: inherit;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: color-mix(in srgb, var(--ck-color-text) 60%, transparent);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3) var(--ck-space-4);
    border-bottom: var(--ck-border-width) solid var(--ck-color-border);
  }
  h2 {
    margin: 0;
    font-size: var(--ck-font-size-title);
    line-height: 1.2;
  }
  .close {
    flex: none;
    margin-inline-start: auto;
  }
  .body {
    padding: var(--ck-space-4);
    overflow: auto;
  }
  footer[hidden] {
    display: none;
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--ck-space-3);
    padding: 0 var(--ck-space-4) var(--ck-space-4);
  }
`;
