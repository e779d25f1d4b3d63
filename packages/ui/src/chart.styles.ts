import { css } from 'lit';

export const chartStyles = css`
  figure {
    display: grid;
    gap: var(--ck-space-3);
    margin: 0;
  }
  figcaption {
    font-size: var(--ck-font-size-large);
    font-weight: 600;
  }
  .chart {
    position: relative;
    min-width: 0;
    height: var(--ck-chart-height, 20rem);
  }
  .chart[hidden] {
    display: none;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    padding-block-end: var(--ck-space-2);
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    padding: var(--ck-space-2) var(--ck-space-3);
    border: 1px solid var(--ck-color-border);
    text-align: start;
  }
  td {
    text-align: end;
  }
  thead th {
    background: var(--ck-color-surface);
  }
  .table-wrap {
    overflow-x: auto;
  }
  .bands {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ck-space-2) var(--ck-space-4);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .bands li {
    display: flex;
    align-items: center;
    gap: var(--ck-space-2);
  }
  .swatch {
    width: 1.5em;
    height: 1em;
    border: 1px dashed var(--ck-color-border);
    background: var(--ck-color-band);
  }
  .empty {
    display: flex;
    align-items: center;
    gap: var(--ck-space-2);
    margin: 0;
    padding: var(--ck-space-4);
    border: var(--ck-border-width) dashed var(--ck-color-border);
    border-radius: var(--ck-radius);
    background: var(--ck-color-surface);
  }
  .toggle {
    justify-self: start;
  }
`;
