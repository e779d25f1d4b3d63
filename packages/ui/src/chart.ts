import {
  arrayConverter,
  arrayOf,
  enforceRules,
  enumConverter,
  formatNumber,
  isString,
  KioskElement,
  oneOf,
  ThemeController,
  type Locale,
  type PropertyRule,
} from '@civic-kiosk/core';
import { Task, TaskStatus } from '@lit/task';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Chart } from 'chart.js';
import {
  buildChartConfig,
  readChartTheme,
  tableRows,
  validateBands,
  validateChartData,
  type ChartBand,
  type ChartKind,
  type ChartSeries,
  type ValidChartData,
} from './chart-config.js';
import { chartStyles } from './chart.styles.js';
import { icon } from './icons.js';
import { controlStyles, iconStyles } from './shared.styles.js';
import './translations.js';

type ChartClass = typeof Chart;
let runtime: Promise<ChartClass> | undefined;

/** Loads chart.js on first use, so it stays out of the initial bundle. */
function loadChart(): Promise<ChartClass> {
  runtime ??= import('./chart-runtime.js').then(
    (module) => module.Chart,
    (error: unknown) => {
      runtime = undefined;
      throw error;
    },
  );
  return runtime;
}

/** One media query for the page: a new one per draw stays alive in the browser for as long as the page. */
let reducedMotionQuery: MediaQueryList | undefined;
const reducedMotion = () => (reducedMotionQuery ??= matchMedia('(prefers-reduced-motion: reduce)'));

const TAG = 'ck-chart';
const KINDS = ['line', 'bar'] as const;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isLabel = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';
/** A series as an embedder writes it; lengths and values are checked by `validateChartData`. */
const isSeries = (value: unknown): boolean => isRecord(value) && Array.isArray(value.data);
const isBand = (value: unknown): boolean => isRecord(value) && typeof value.from === 'number' && typeof value.to === 'number';

/** Properties whose change means the chart must be drawn again. */
const DRAWN = ['type', 'labels', 'series', 'bands', 'unit'] as const;

/**
 * @summary A line or bar chart (chart.js, loaded on demand) with reference bands and the same data as an accessible table.
 * @tagname ck-chart
 * @csspart caption - The visible caption (`label`).
 * @csspart chart - The box around the canvas; its height is `--ck-chart-height`.
 * @csspart table - The data table (visually hidden until "Show as table").
 * @csspart bands - The list explaining the reference bands.
 * @csspart toggle - The "Show as table" / "Show as chart" button.
 * @csspart empty - The "No data" message.
 * @cssproperty --ck-chart-height - Height of the chart. Default 20rem.
 * @cssproperty --ck-color-chart-1 - Colour of the first series (and -2, -3, -4 for the next ones).
 * @cssproperty --ck-color-band - Fill of the reference bands.
 * @cssproperty --ck-color-border - Grid lines and table borders.
 */
export class KioskChart extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, controlStyles, chartStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    type: { attribute: 'type', check: oneOf(KINDS), fallback: 'line', why: 'line or bar' },
    labels: { attribute: 'labels', check: arrayOf(isLabel), fallback: [], why: 'an array of labels' },
    series: { attribute: 'series', check: arrayOf(isSeries), fallback: [], why: 'an array of { label, data }' },
    bands: { attribute: 'bands', check: arrayOf(isBand), fallback: [], why: 'an array of { from, to, label }' },
    unit: { attribute: 'unit', check: isString, fallback: '', why: 'text' },
    label: { attribute: 'label', check: isString, fallback: '', why: 'text' },
    categoryLabel: { attribute: 'category-label', check: isString, fallback: '', why: 'text' },
  };

  /** `line` for trends over time, `bar` for comparing amounts. */
  @property({ reflect: true, converter: enumConverter(TAG, 'type', KINDS, 'line') }) accessor type: ChartKind = 'line';

  /** The x-axis labels, e.g. dates. As an attribute: a JSON array. */
  @property({ type: Array, converter: arrayConverter(TAG, 'labels', isLabel) }) accessor labels: string[] = [];

  /** The data series, each with one value per label. As an attribute: a JSON array. */
  @property({ type: Array, converter: arrayConverter(TAG, 'series', isSeries) }) accessor series: ChartSeries[] = [];

  /** Reference ranges shaded behind the data, e.g. normal blood pressure. As an attribute: a JSON array. */
  @property({ type: Array, converter: arrayConverter(TAG, 'bands', isBand) }) accessor bands: ChartBand[] = [];

  /** Unit of the values, e.g. "mmHg"; shown on the y axis and in the table. */
  @property() accessor unit = '';

  /** Caption and accessible name of the chart. */
  @property() accessor label = '';

  /** Heading of the table's first column, e.g. "Date". */
  @property({ attribute: 'category-label' }) accessor categoryLabel = '';

  /** What the visitor is looking at; the table is always there for screen readers. */
  @state() private accessor view: 'chart' | 'table' = 'chart';

  #data: ValidChartData | undefined;
  #bands: ChartBand[] = [];
  #chart: Chart | undefined;
  #chartType: ChartKind | undefined;
  /** What the canvas was last drawn in: a locale switch draws it again. */
  #drawnLocale: Locale | undefined;
  #stale = true;

  /** chart.js, loaded once on first use; a Task, so no load that finishes late can draw over newer data. */
  #runtime = new Task(this, { task: () => loadChart(), args: () => [] as const });

  constructor() {
    super();
    // Elder or high contrast switched on an ancestor: the canvas is drawn again in the new sizes and colours.
    new ThemeController(this, () => {
      this.#stale = true;
      this.requestUpdate();
    });
  }

  /** Resolves when the chart (or its table, when chart.js cannot load) is drawn for the current data. */
  get chartComplete(): Promise<unknown> {
    return this.#runtime.taskComplete.then(
      () => this.updateComplete,
      () => this.updateComplete,
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the document after a move: the chart was destroyed on disconnect.
    this.#stale = true;
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#destroy();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskChart.rules);
    if (changed.has('labels') || changed.has('series')) this.#data = validateChartData(this.labels, this.series);
    if (changed.has('bands')) this.#bands = validateBands(this.bands);
    if (DRAWN.some((name) => changed.has(name)) || this.#drawnLocale !== this.locale) this.#stale = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#runtime.status === TaskStatus.ERROR && this.view === 'chart') {
      // Without chart.js the table still shows every value.
      this.view = 'table';
      return;
    }
    // Not while detached: chart.js would watch the document for the canvas (a MutationObserver) and, with no
    // disconnect to destroy it, keep the removed element and its screen alive. Reconnecting redraws.
    if (this.#stale && this.isConnected && this.#runtime.status === TaskStatus.COMPLETE) this.#draw(this.#runtime.value!);
  }

  override render() {
    const caption = this.label || msg('Chart');
    return html`<figure>
      <figcaption part="caption">${caption}</figcaption>
      ${this.#data
        ? this.#content(this.#data, caption)
        : html`<p part="empty" class="empty" role="status">${icon('empty')}<span>${msg('No data')}</span></p>`}
    </figure>`;
  }

  #content(data: ValidChartData, caption: string) {
    const showTable = this.view === 'table';
    return html`<div part="chart" class="chart" ?hidden=${showTable}>
        <canvas role="img" aria-label=${msg(str`${caption}. The same data is in the table.`)}></canvas>
      </div>
      <div class=${showTable ? 'table-wrap' : 'visually-hidden'}>${this.#table(data, caption)}</div>
      ${this.#bandList()}
      <button part="toggle" class="control toggle" type="button" @click=${this.#toggle}>
        ${showTable ? html`${icon('chart')}<span>${msg('Show as chart')}</span>` : html`${icon('table')}<span>${msg('Show as table')}</span>`}
      </button>`;
  }

  #table(data: ValidChartData, caption: string) {
    const unit = this.unit ? ` (${this.unit})` : '';
    return html`<table part="table">
      <caption>${caption}${unit}</caption>
      <thead>
        <tr>
          <th scope="col">${this.categoryLabel || msg('Category')}</th>
          ${data.series.map((entry) => html`<th scope="col">${entry.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${tableRows(data).map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            ${row.values.map((value) =>
              value === null
                ? html`<td><span aria-hidden="true">–</span><span class="visually-hidden">${msg('no value')}</span></td>`
                : html`<td>${formatNumber(value)}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #bandList() {
    if (!this.#bands.length) return nothing;
    const unit = this.unit ? ` ${this.unit}` : '';
    return html`<ul part="bands" class="bands">
      ${this.#bands.map(
        (band) => html`<li>
          <span class="swatch" aria-hidden="true"></span>
          <span>${msg(str`${band.label}: ${formatNumber(band.from)} to ${formatNumber(band.to)}`)}${unit}</span>
        </li>`,
      )}
    </ul>`;
  }

  #toggle = () => {
    this.view = this.view === 'chart' ? 'table' : 'chart';
  };

  #draw(ChartJs: ChartClass): void {
    this.#stale = false;
    const data = this.#data;
    const canvas = this.renderRoot.querySelector('canvas');
    if (!data || !canvas) {
      this.#destroy();
      return;
    }
    const locale = this.locale;
    this.#drawnLocale = locale;
    const config = buildChartConfig({
      type: this.type,
      data,
      bands: this.#bands,
      unit: this.unit,
      // Read now, not once: a theme switched on an ancestor applies at the next draw.
      theme: readChartTheme(getComputedStyle(this)),
      reducedMotion: reducedMotion().matches,
      locale,
    });
    if (this.#chart && this.#chart.canvas === canvas && this.#chartType === config.type) {
      this.#chart.data = config.data;
      this.#chart.options = config.options!;
      this.#chart.update();
    } else {
      this.#destroy();
      this.#chart = new ChartJs(canvas, config);
      this.#chartType = config.type;
    }
  }

  #destroy(): void {
    this.#chart?.destroy();
    this.#chart = undefined;
    this.#chartType = undefined;
  }
}
