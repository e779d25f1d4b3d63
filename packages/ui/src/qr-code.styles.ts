import { css } from 'lit';

export const qrCodeStyles = css`
  :host {
    display: inline-block;
  }
  .wrap {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: var(--ck-space-2);
  }
  svg.code {
    display: block;
    max-width: 100%;
    height: auto;
    /* Scanners need dark modules on a light ground whatever the theme, so
       these two colours are fixed on purpose rather than taken from tokens. */
    background: #fff;
    fill: #000;
  }
  .placeholder,
  .message {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--ck-space-2);
    max-width: 100%;
    margin: 0;
    padding: var(--ck-space-3);
    border: var(--ck-border-width) dashed var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
    color: var(--ck-color-text);
    text-align: center;
  }
  .message {
    border-style: solid;
  }
`;
