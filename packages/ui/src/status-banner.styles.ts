import { css } from 'lit';

export const statusBannerStyles = css`
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3);
    border: var(--ck-border-width) solid var(--state-color);
    border-inline-start-width: calc(var(--ck-border-width) * 4);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
    --state-color: var(--ck-color-accent);
  }
  :host([state='error']) .banner {
    --state-color: var(--ck-color-danger);
  }
  :host([state='offline']) .banner {
    --state-color: var(--ck-color-warning);
  }
  :host([state='success']) .banner {
    --state-color: var(--ck-color-success);
  }
  :host([state='loading']) .banner {
    --state-color: var(--ck-color-text-muted);
  }
  .status {
    display: flex;
    flex: 1 1 16rem;
    align-items: center;
    gap: var(--ck-space-3);
  }
  .status .icon {
    width: 1.75em;
    height: 1.75em;
    color: var(--state-color);
  }
  .message {
    margin: 0;
  }
  .spinner {
    flex: none;
    width: 1.75em;
    height: 1.75em;
    border: 0.25em solid var(--ck-color-border);
    border-top-color: var(--ck-color-accent);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    /* A still ring instead of a spin; the text still says "Loading". */
    .spinner {
      animation: none;
      border-style: dotted;
    }
  }
`;
