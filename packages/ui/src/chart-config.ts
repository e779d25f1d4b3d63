/**
 * Everything about a chart that needs no DOM: validating the data an
 * embedder passes in, the rows of the accessible table, the chart.js
 * configuration and the reference-band plugin. Only types come from
 * chart.js here, so this module does not pull chart.js into a bundle.
 */
import { formatNumber } from '@civic-kiosk/core';
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';

export type ChartKind = 'line' | 'bar';

export interface ChartSeries {
  label: string;
  /** One value per label; `null` (or a non-finite number) is a gap. */
  data: (number | null)[];
  /** A CSS colour; defaults to the theme's `--ck-color-chart-N`. */
  color?: string;
}

/** A reference range drawn behind the data, e.g. a normal blood pressure. */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

/** Data that passed validation: every series as long as the labels. */
export interface ValidChartData {
  labels: string[];
  series: ChartSeries[];
}

/** Colours and type read from the element's tokens at render time. */
export interface ChartTheme {
  series: string[];
  text: string;
  grid: string;
  band: string;
  fontFamily: string;
  /** Pixels. */
  fontSize: number;
}

export interface BandsOptions {
  bands: ChartBand[];
  fill: string;
  text: string;
  /** A canvas `font` shorthand. */
  font: string;
}

declare module 'chart.js' {
  // The type parameter must repeat chart.js's own declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    ckBands: BandsOptions;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const asText = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** A value as the chart takes it; `undefined` when it is not a number at all. */
function toValue(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') return undefined;
  return Number.isFinite(value) ? value : null;
}

/**
 * Checks what an embedder passed. Anything malformed (not arrays, lengths
 * that do not match the labels, values that are not numbers) or nothing to
 * plot gives `undefined`, which the element shows as "No data".
 */
export function validateChartData(labels: unknown, series: unknown): ValidChartData | undefined {
  if (!Array.isArray(labels) || labels.length === 0 || !Array.isArray(series) || series.length === 0) return undefined;
  if (!labels.every((label) => typeof label === 'string' || typeof label === 'number')) return undefined;
  const valid: ChartSeries[] = [];
  for (const entry of series) {
    if (!isRecord(entry) || !Array.isArray(entry.data) || entry.data.length !== labels.length) return undefined;
    const data = entry.data.map(toValue);
    if (data.includes(undefined)) return undefined;
    valid.push({
      label: asText(entry.label),
      data: data as (number | null)[],
      ...(typeof entry.color === 'string' && entry.color ? { color: entry.color } : {}),
    });
  }
  if (valid.every((entry) => entry.data.every((value) => value === null))) return undefined;
  return { labels: labels.map(String), series: valid };
}

/** The usable bands, low end first; malformed ones are dropped. */
export function validateBands(bands: unknown): ChartBand[] {
  if (!Array.isArray(bands)) return [];
  return bands.flatMap((band) => {
    if (!isRecord(band) || typeof band.from !== 'number' || typeof band.to !== 'number') return [];
    if (!Number.isFinite(band.from) || !Number.isFinite(band.to)) return [];
    const [from, to] = band.from <= band.to ? [band.from, band.to] : [band.to, band.from];
    return [{ from, to, label: asText(band.label) }];
  });
}

export interface TableRow {
  label: string;
  values: (number | null)[];
}

/** One row per label, one column per series: the chart as a table. */
export function tableRows(data: ValidChartData): TableRow[] {
  return data.labels.map((label, index) => ({ label, values: data.series.map((entry) => entry.data[index] ?? null) }));
}

/** Reads the chart tokens from computed style, with the standard theme as fallback. */
export function readChartTheme(style: Pick<CSSStyleDeclaration, 'getPropertyValue' | 'fontSize'>): ChartTheme {
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: [1, 2, 3, 4].map((n) => token(`--ck-color-chart-${n}`, '#0a58a8')),
    text: token('--ck-color-text', '#1a1d21'),
    grid: token('--ck-color-border', '#7b8794'),
    band: token('--ck-color-band', 'rgba(29, 107, 51, 0.12)'),
    fontFamily: token('--ck-font-family', 'sans-serif'),
    fontSize: parseFloat(style.fontSize) || 20,
  };
}

/** Draws each band as a filled strip across the plot area, with its label, under the data. */
export const bandsPlugin: Plugin<ChartKind, BandsOptions> = {
  id: 'ckBands',
  beforeDatasetsDraw(chart, _args, options) {
    const y = chart.scales.y;
    if (!y || !options.bands?.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = options.font;
    ctx.textBaseline = 'top';
    for (const band of options.bands) {
      const top = Math.max(chartArea.top, y.getPixelForValue(band.to));
      const bottom = Math.min(chartArea.bottom, y.getPixelForValue(band.from));
      if (bottom <= top) continue;
      ctx.fillStyle = options.fill;
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      ctx.fillStyle = options.text;
      ctx.fillText(band.label, chartArea.left + 8, top + 4);
    }
    ctx.restore();
  },
};

/** Series differ by point shape and dash too, so they never rely on colour alone. */
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot'] as const;
const DASHES = [[], [10, 6], [3, 4], [12, 4, 3, 4]];

export interface ChartConfigInput {
  type: ChartKind;
  data: ValidChartData;
  bands: ChartBand[];
  unit: string;
  theme: ChartTheme;
  reducedMotion: boolean;
  /** Numbers on the axis and in tooltips are written for this locale. Default zh-CN. */
  locale?: string;
}

/** The chart.js configuration for the data, in the theme's colours and type. */
export function buildChartConfig(input: ChartConfigInput): ChartConfiguration<ChartKind, (number | null)[], string> {
  const { type, data, bands, unit, theme } = input;
  const locale = input.locale ?? 'zh-CN';
  const font = { family: theme.fontFamily, size: Math.round(theme.fontSize * 0.8) };
  const ticks = { color: theme.text, font };
  const valueTicks = { ...ticks, callback: (value: string | number) => (typeof value === 'number' ? formatNumber(value, undefined, locale) : value) };
  const grid = { color: theme.grid };
  const bandValues = bands.flatMap((band) => [band.from, band.to]);
  return {
    type,
    data: {
      labels: data.labels,
      datasets: data.series.map((entry, index) => {
        const color = entry.color ?? theme.series[index % theme.series.length]!;
        return {
          label: entry.label,
          data: entry.data,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 3,
          borderDash: type === 'line' ? DASHES[index % DASHES.length]! : [],
          pointStyle: POINT_STYLES[index % POINT_STYLES.length]!,
          pointRadius: 6,
          pointHoverRadius: 8,
          // A missing reading stays a visible gap rather than a made-up line.
          spanGaps: false,
        };
      }),
    },
    options: {
      responsive: true,
      // chart.js formats tooltip numbers with this.
      locale,
      maintainAspectRatio: false,
      animation: input.reducedMotion ? false : { duration: 400 },
      color: theme.text,
      font,
      scales: {
        x: { type: 'category', ticks, grid },
        y: {
          type: 'linear',
          ticks: valueTicks,
          grid,
          // Keep the reference bands in view even when every reading is outside them.
          ...(bandValues.length ? { suggestedMin: Math.min(...bandValues), suggestedMax: Math.max(...bandValues) } : {}),
          title: { display: Boolean(unit), text: unit, color: theme.text, font },
        },
      },
      plugins: {
        legend: { labels: { color: theme.text, font, usePointStyle: true } },
        tooltip: { titleFont: font, bodyFont: font },
        ckBands: { bands, fill: theme.band, text: theme.text, font: `${font.size}px ${theme.fontFamily}` },
      },
    },
    plugins: [bandsPlugin],
  };
}
