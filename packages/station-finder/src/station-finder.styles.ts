import { css } from 'lit';

export const stationFinderStyles = css`
  :host {
    container-type: inline-size;
    background: var(--ck-color-bg);
    /* Secondary lines (facilities, official, minutes on foot, map note): never under the small size, a little larger on a kiosk. */
    --ck-finder-secondary: max(var(--ck-font-size-small), calc(var(--ck-font-size-body) * 0.9));
  }
  .finder {
    display: grid;
    gap: var(--ck-space-3);
    padding: var(--ck-space-3);
  }
  .glyph {
    width: 1.2em;
    height: 1.2em;
    flex: none;
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    touch-action: manipulation;
  }

  /* Header and chips */
  .header {
    display: grid;
    gap: var(--ck-space-3);
  }
  .title {
    font-size: var(--ck-font-size-title);
    line-height: 1.2;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-2);
    min-height: var(--ck-touch-target);
    min-width: var(--ck-touch-target);
    padding: var(--ck-space-2) var(--ck-space-3);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: calc(var(--ck-touch-target) / 2);
    background: var(--ck-color-bg);
    font-size: var(--ck-font-size-body);
  }
  .chip[aria-pressed='true'] {
    background: var(--ck-color-accent);
    border-color: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    font-weight: 700;
  }
  .chip .tick {
    width: 1em;
    height: 1em;
  }

  /* List and map: side by side in landscape, stacked in portrait */
  .body {
    display: grid;
    gap: var(--ck-space-3);
  }
  .side {
    /* The containing block of the rows' visually hidden text: without it, that text (absolutely placed) overflows the page, not the panel. */
    position: relative;
    min-width: 0;
    max-height: var(--ck-finder-list-height, 880px);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .map-wrap {
    position: relative;
    height: var(--ck-finder-map-height, 560px);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    overflow: hidden;
    background: var(--ck-color-surface);
  }
  @container (min-width: 1200px) {
    .body {
      grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
      height: var(--ck-finder-height, max(480px, calc(100dvh - 15rem)));
    }
    .side {
      max-height: none;
      padding-inline-end: var(--ck-space-2);
    }
    .map-wrap {
      height: auto;
    }
    /* A banner (offline, error) takes a row of its own: the list and map give up its height, so nothing falls off the screen. */
    .finder:has(> ck-status-banner) .body {
      height: var(--ck-finder-height, max(480px, calc(100dvh - 15rem - var(--ck-touch-target, 48px) - 3 * var(--ck-space-3) - 2 * var(--ck-border-width, 2px))));
    }
  }

  .summary {
    color: var(--ck-color-text-muted);
    margin-block-end: var(--ck-space-2);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ck-space-2);
  }
  .row {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: start;
    gap: var(--ck-space-3);
    width: 100%;
    min-height: var(--ck-touch-target);
    padding: var(--ck-space-3);
    text-align: start;
    background: var(--ck-color-surface);
    border: var(--ck-border-width) solid transparent;
    border-inline-start-width: calc(var(--ck-border-width) * 4);
    border-radius: var(--ck-radius);
  }
  .row[aria-current='true'] {
    border-color: var(--ck-color-accent);
    background: var(--ck-color-bg);
  }
  .rank {
    display: grid;
    place-items: center;
    width: calc(var(--ck-touch-target) * 0.8);
    height: calc(var(--ck-touch-target) * 0.8);
    border-radius: 50%;
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    font-weight: 700;
    font-size: var(--ck-font-size-large);
  }
  .main {
    display: grid;
    gap: var(--ck-space-1);
    min-width: 0;
  }
  .name {
    font-size: var(--ck-font-size-large);
    font-weight: 700;
    line-height: 1.25;
  }
  .alt-name,
  .muted {
    color: var(--ck-color-text-muted);
    font-size: var(--ck-font-size-small);
  }
  .open,
  .official,
  .phone,
  .minutes,
  .verified {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-1);
    flex-wrap: wrap;
  }
  .open {
    font-weight: 700;
  }
  .is-open {
    color: var(--ck-color-success);
  }
  .is-closed {
    color: var(--ck-color-danger);
  }
  .is-unknown,
  .pending {
    color: var(--ck-color-text-muted);
  }
  .facilities {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-1) var(--ck-space-3);
    font-size: var(--ck-finder-secondary);
  }
  .facility {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-1);
  }
  .official {
    font-size: var(--ck-finder-secondary);
    color: var(--ck-color-text-muted);
    column-gap: var(--ck-space-2);
  }
  .station-phone,
  .verified {
    flex-wrap: nowrap;
  }
  .phone {
    font-variant-numeric: tabular-nums;
    color: var(--ck-color-text);
  }
  .distance {
    display: grid;
    justify-items: end;
    text-align: end;
    gap: var(--ck-space-1);
  }
  .meters {
    font-size: var(--ck-font-size-large);
    font-weight: 700;
    white-space: nowrap;
  }
  .minutes {
    font-size: var(--ck-finder-secondary);
    color: var(--ck-color-text-muted);
    white-space: nowrap;
  }

  /* Who may use it and what it costs (OSM access, fee) */
  .notes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-1) var(--ck-space-3);
    font-size: var(--ck-finder-secondary);
  }
  .note {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-1);
    font-weight: 600;
  }
  /* Empty state */
  .empty {
    display: grid;
    justify-items: start;
    gap: var(--ck-space-3);
    padding: var(--ck-space-4);
    background: var(--ck-color-surface);
    border-radius: var(--ck-radius);
  }
  .empty-glyph {
    width: 3em;
    height: 3em;
    color: var(--ck-color-text-muted);
  }
  .empty-title {
    font-size: var(--ck-font-size-large);
    font-weight: 700;
  }
  .action,
  .back {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-2);
    min-height: var(--ck-touch-target);
    padding: var(--ck-space-2) var(--ck-space-4);
    border-radius: var(--ck-radius);
    font-weight: 700;
  }
  .action {
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    border: var(--ck-border-width) solid var(--ck-color-accent);
  }
  .back {
    background: var(--ck-color-bg);
    border: var(--ck-border-width) solid var(--ck-color-border);
  }

  /* Map */
  .map {
    position: absolute;
    inset: 0;
    background-color: var(--ck-color-surface);
    background-image: linear-gradient(color-mix(in srgb, var(--ck-color-border) 18%, transparent) 1px, transparent 1px),
      linear-gradient(90deg, color-mix(in srgb, var(--ck-color-border) 18%, transparent) 1px, transparent 1px);
    background-size: 64px 64px;
    font: inherit;
  }
  .map-controls {
    position: absolute;
    inset-block-start: var(--ck-space-3);
    inset-inline-end: var(--ck-space-3);
    z-index: 1000;
    display: grid;
    gap: var(--ck-space-2);
  }
  .map-button {
    width: var(--ck-touch-target);
    height: var(--ck-touch-target);
    border: var(--ck-border-width) solid var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-bg);
    font-size: var(--ck-font-size-title);
    line-height: 1;
  }
  .scale {
    position: absolute;
    inset-block-end: var(--ck-space-3);
    inset-inline-start: var(--ck-space-3);
    z-index: 1000;
    display: flex;
    align-items: flex-end;
    gap: var(--ck-space-2);
    padding: var(--ck-space-1) var(--ck-space-2);
    background: var(--ck-color-bg);
    border-radius: calc(var(--ck-radius) / 2);
    font-size: var(--ck-font-size-small);
  }
  .scale-bar {
    display: block;
    color: var(--ck-color-text);
  }
  .map-note {
    position: absolute;
    inset-block-end: var(--ck-space-3);
    inset-inline-end: var(--ck-space-3);
    z-index: 1000;
    max-width: 60%;
    padding: var(--ck-space-1) var(--ck-space-2);
    background: var(--ck-color-bg);
    border-radius: calc(var(--ck-radius) / 2);
    font-size: var(--ck-finder-secondary);
    color: var(--ck-color-text-muted);
  }
  .map-note:empty {
    display: none;
  }

  /*
   * fill: the finder takes exactly its own height (a full-screen service gives it one): the header
   * keeps what it needs, the list scrolls inside its panel, and the map takes the rest, so nothing
   * falls below the screen, whatever the language, the theme or the number of chip rows.
   */
  :host([fill]) {
    height: 100%;
    min-height: 0;
  }
  :host([fill]) .finder {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
  }
  /* .finder .body: more specific than the banner and detail rules above, which it replaces here. */
  :host([fill]) .finder .body {
    flex: 1 1 0;
    min-height: 0;
    height: auto;
    grid-template-rows: minmax(0, 11fr) minmax(calc(var(--ck-touch-target, 48px) * 4), 9fr);
  }
  :host([fill]) .finder.detail-open .body {
    grid-template-rows: minmax(0, 3fr) minmax(calc(var(--ck-touch-target, 48px) * 3), 1fr);
  }
  :host([fill]) .side,
  :host([fill]) .detail-open .side {
    max-height: none;
    min-height: 0;
  }
  :host([fill]) .map-wrap {
    height: auto;
    min-height: 0;
  }
  @container (min-width: 1200px) {
    :host([fill]) .finder .body,
    :host([fill]) .finder.detail-open .body {
      grid-template-rows: minmax(0, 1fr);
    }
  }
  /*
   * A narrow or short screen (200% browser zoom gives 540x960 or 960x540 CSS px): the filter chips stay on one
   * row that scrolls sideways instead of wrapping into rows that push the map and the list off the screen.
   */
  @container (max-width: 960px) {
    :host([fill]) .chips {
      flex-wrap: nowrap;
      overflow-x: auto;
      overscroll-behavior: contain;
      padding-block-end: var(--ck-space-1);
    }
    :host([fill]) .chip {
      flex: none;
    }
  }
  /* Short and wide (landscape at 200%): the title beside the chips, and the list beside the map as on a wide screen. */
  @media (orientation: landscape) and (max-height: 700px) {
    :host([fill]) .header {
      display: flex;
      align-items: center;
    }
    :host([fill]) .title {
      flex: none;
    }
    :host([fill]) .chips {
      flex: 1 1 auto;
      min-width: 0;
    }
    :host([fill]) .finder .body,
    :host([fill]) .finder.detail-open .body {
      grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
      grid-template-rows: minmax(0, 1fr);
    }
    /* Zoom in and out side by side along the map's top: one above the other they are taller than a short map. */
    :host([fill]) .map-controls {
      grid-auto-flow: column;
      inset-block-start: var(--ck-space-2);
      inset-inline-end: var(--ck-space-2);
    }
  }
`;
