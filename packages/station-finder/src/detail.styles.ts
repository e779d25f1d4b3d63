import { css } from 'lit';

/** The detail panel's rules: loaded with the detail view, after the first list (not in the first bundle). */
export const detailStyles = css`
  /* A station's detail takes the room: no chips, and a smaller map. The title stays for screen
     readers only, so the detail's h3 still follows an h2 (heading order). */
  .detail-open .chips {
    display: none;
  }
  .detail-open .header {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .detail-open .body {
    /* What the header gave up: the title, at least one row of chips, and two gaps. */
    --header: calc(var(--ck-font-size-title) * 1.2 + var(--ck-touch-target) + 2 * var(--ck-space-3));
    /* The list's and map's heights, and the header's. */
    --budget: calc(var(--ck-finder-list-height, 880px) + var(--ck-finder-map-height, 560px) + var(--ck-space-3) + var(--header));
    --small-map: calc(var(--ck-finder-map-height, 560px) * 0.4);
    height: var(--budget);
    grid-template-rows: auto minmax(var(--small-map), 1fr);
  }
  .detail-open .side {
    max-height: calc(var(--budget) - var(--small-map) - var(--ck-space-3));
  }
  .detail-open .map-wrap {
    height: auto;
  }
  .detail {
    display: grid;
    gap: var(--ck-space-3);
    align-content: start;
  }
  .detail-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ck-space-2) var(--ck-space-4);
  }
  .detail-title {
    font-size: var(--ck-font-size-title);
    line-height: 1.2;
  }
  .directions {
    display: flex;
    align-items: center;
    gap: var(--ck-space-2);
    padding: var(--ck-space-3);
    background: var(--ck-color-surface);
    border-radius: var(--ck-radius);
    font-size: var(--ck-font-size-large);
  }
  .detail-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12em), 1fr));
    gap: var(--ck-space-4);
    align-items: start;
  }
  .detail-grid h4 {
    font-size: var(--ck-font-size-body);
    margin-block: var(--ck-space-3) var(--ck-space-2);
  }
  .detail-grid h4:first-child {
    margin-block-start: 0;
  }
  .route {
    grid-row: span 2;
    display: grid;
    justify-items: center;
    gap: var(--ck-space-2);
    padding: var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    text-align: center;
  }
  .hint {
    font-size: var(--ck-font-size-small);
    color: var(--ck-color-text-muted);
  }
  .facility-list,
  .week {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ck-space-1);
  }
  .facility-list li {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: var(--ck-space-2);
  }
  .facility-list .lacks {
    color: var(--ck-color-text-muted);
  }
  .facility-list .lacks span:not(.yn) {
    text-decoration: line-through;
  }
  .yn {
    font-weight: 700;
  }
  .week li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-3);
    font-variant-numeric: tabular-nums;
  }
  .days {
    min-width: 8em;
    font-weight: 700;
  }

  /* Beside a detail the map is small: the note goes to the free top corner, clear of the scale bar. */
  .detail-open .map-note {
    inset-inline-end: calc(var(--ck-touch-target) + 2 * var(--ck-space-3));
  }
  @container (min-width: 1200px) {
    .detail-open .map-note {
      inset-block: var(--ck-space-3) auto;
      inset-inline: var(--ck-space-3) auto;
      max-width: calc(100% - var(--ck-touch-target) - 3 * var(--ck-space-3));
    }
  }
  @container (min-width: 1200px) {
    .detail-open .body {
      grid-template-columns: minmax(0, 7fr) minmax(0, 3fr);
      grid-template-rows: none;
      height: calc(var(--ck-finder-height, max(480px, calc(100dvh - 15rem))) + var(--header));
    }
    .detail-open .side {
      max-height: none;
    }
  }
`;
