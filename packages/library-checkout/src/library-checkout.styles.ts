import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--ck-color-bg);
    color: var(--ck-color-text);
  }
  .library {
    display: grid;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3);
    max-width: 72rem;
    margin-inline: auto;
    /* In a box of fixed height (the kiosk's screen) the page that places it makes this part scroll:
       ck-library-checkout::part(screen) { max-height: 100%; overflow: auto; } (apps/kiosk does). Not here:
       as a scroll container in a page of auto height the screen's pictures would not settle. */
    box-sizing: border-box;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--ck-space-2);
  }
  .title {
    font-size: var(--ck-font-size-title);
    line-height: 1.2;
  }
  h3 {
    font-size: var(--ck-font-size-large);
    margin-block: var(--ck-space-2);
  }
  .who,
  .muted {
    color: var(--ck-color-text-muted);
  }
  .big,
  .scan-hint {
    font-size: var(--ck-font-size-large);
  }
  .scan-hint {
    display: grid;
    justify-items: center;
    gap: var(--ck-space-2);
    text-align: center;
    padding: var(--ck-space-3);
    border: var(--ck-border-width) dashed var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
  }
  .scanner {
    font-size: calc(var(--ck-font-size-title) * 1.6);
    letter-spacing: -0.1em;
    color: var(--ck-color-accent);
  }
  .choices,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-3);
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
  }
  .actions {
    justify-content: flex-end;
    padding-top: var(--ck-space-2);
    border-top: var(--ck-border-width) solid var(--ck-color-border);
  }
  .notice {
    display: flex;
    gap: var(--ck-space-2);
    align-items: flex-start;
    padding: var(--ck-space-3);
    border-radius: var(--ck-radius);
    border: var(--ck-border-width) solid currentColor;
    background: var(--ck-color-surface);
  }
  .notice.error {
    color: var(--ck-color-danger);
  }
  .notice.success {
    color: var(--ck-color-success);
  }
  .notice p,
  .reason,
  .advice {
    color: var(--ck-color-text);
  }
  .advice {
    font-weight: 700;
  }
  .icon {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.5em;
    height: 1.5em;
    border: 0.15em solid currentColor;
    border-radius: 50%;
    font-weight: 700;
    line-height: 1;
  }
  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ck-space-2);
  }
  .row {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: var(--ck-space-3);
    align-items: center;
    padding: var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-inline-start-width: 0.5rem;
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
  }
  .row.ok {
    border-inline-start-color: var(--ck-color-success);
  }
  .row.bad {
    border-inline-start-color: var(--ck-color-danger);
  }
  .row.pending {
    border-inline-start-style: dashed;
  }
  .row.held {
    border-inline-start-color: var(--ck-color-warning);
  }
  .name {
    font-size: var(--ck-font-size-large);
    font-weight: 700;
  }
  .author,
  .where {
    color: var(--ck-color-text-muted);
  }
  .due,
  .state {
    font-weight: 700;
  }
  .overdue .due,
  .out {
    color: var(--ck-color-danger);
    font-weight: 700;
  }
  .in {
    color: var(--ck-color-success);
    font-weight: 700;
  }
  .shelf {
    font-size: var(--ck-font-size-large);
    font-weight: 700;
    padding: var(--ck-space-2);
    border: var(--ck-border-width) solid var(--ck-color-warning);
    border-radius: var(--ck-radius);
  }
  .fine {
    color: var(--ck-color-danger);
    font-weight: 700;
  }
  .cover {
    display: grid;
    place-items: center;
    width: calc(var(--ck-touch-target) * 1.1);
    aspect-ratio: 3 / 4;
    border-radius: calc(var(--ck-radius) / 2);
    background: hsl(var(--hue, 200) 45% 35%);
    color: #fff;
    font-size: var(--ck-font-size-title);
    font-weight: 700;
  }
  .hue-0 {
    --hue: 200;
  }
  .hue-1 {
    --hue: 340;
  }
  .hue-2 {
    --hue: 20;
  }
  .hue-3 {
    --hue: 140;
  }
  .hue-4 {
    --hue: 260;
  }
  .hue-5 {
    --hue: 100;
  }
  .hue-6 {
    --hue: 300;
  }
  .hue-7 {
    --hue: 40;
  }
  .badge {
    font-size: var(--ck-font-size-title);
    font-weight: 700;
  }
  .ok .badge {
    color: var(--ck-color-success);
  }
  .bad .badge {
    color: var(--ck-color-danger);
  }
  .fines {
    margin: 0;
    padding-inline-start: 1.2em;
    display: grid;
    gap: var(--ck-space-1);
  }
  .fines li {
    display: flex;
    justify-content: space-between;
    gap: var(--ck-space-3);
  }
  .account {
    display: grid;
    gap: var(--ck-space-3);
  }
  details.manual summary {
    min-height: var(--ck-touch-target);
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--ck-color-accent);
    text-decoration: underline;
  }
  .receipt {
    display: grid;
    justify-items: center;
    gap: var(--ck-space-3);
  }
  .receipt-lines {
    font-size: var(--ck-font-size-large);
  }
  .offline {
    display: grid;
    gap: var(--ck-space-3);
    padding: var(--ck-space-4) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-danger);
    border-radius: var(--ck-radius);
  }
  .renew-all {
    margin-top: var(--ck-space-2);
  }
  .small {
    font-size: var(--ck-font-size-small);
  }
  ck-keypad {
    justify-self: center;
  }
  @media print {
    .actions,
    .scan-hint,
    ck-qr-code {
      display: none;
    }
  }
`;
