import { expect } from '@open-wc/testing';
import type { Chart } from 'chart.js';
import {
  bandsPlugin,
  buildChartConfig,
  readChartTheme,
  tableRows,
  validateBands,
  validateChartData,
  type BandsOptions,
  type ChartTheme,
} from '../src/chart-config.js';

const theme: ChartTheme = {
  series: ['#111111', '#222222', '#333333', '#444444'],
  text: '#000000',
  grid: '#999999',
  band: 'rgba(0, 128, 0, 0.1)',
  fontFamily: 'Noto Sans',
  fontSize: 20,
};
const data = validateChartData(['一', '二'], [{ label: 'A', data: [1, 2] }])!;

describe('chart data', () => {
  it('accepts labels and equally long numeric series, turning non-finite values into gaps', () => {
    expect(validateChartData([2024, '2025'], [{ label: 'A', data: [1, NaN], color: 'red' }, { label: 'B', data: [undefined, -Infinity] }])).to.deep.equal({
      labels: ['2024', '2025'],
      series: [
        { label: 'A', data: [1, null], color: 'red' },
        { label: 'B', data: [null, null] },
      ],
    });
  });

  it('rejects malformed input as a whole', () => {
    expect(validateChartData('1,2', [{ label: 'A', data: [1] }])).to.equal(undefined);
    expect(validateChartData(['a'], { label: 'A', data: [1] })).to.equal(undefined);
    expect(validateChartData(['a'], [null])).to.equal(undefined);
    expect(validateChartData(['a'], [{ label: 'A', data: '1' }])).to.equal(undefined);
    expect(validateChartData(['a'], [{ label: 'A', data: [true] }])).to.equal(undefined);
    expect(validateChartData([null], [{ label: 'A', data: [1] }])).to.equal(undefined);
  });

  it('gives every label a row with one cell per series', () => {
    const two = validateChartData(['一', '二'], [{ label: 'A', data: [1, null] }, { label: 'B', data: [3, 4] }])!;
    expect(tableRows(two)).to.deep.equal([
      { label: '一', values: [1, 3] },
      { label: '二', values: [null, 4] },
    ]);
  });

  it('keeps well-formed bands, low end first, and drops the rest', () => {
    expect(
      validateBands([
        { from: 140, to: 90, label: '正常' },
        { from: 1, to: 'x', label: '坏' },
        { from: 1, to: Infinity, label: '无穷' },
        null,
        { from: 3, to: 4 },
      ]),
    ).to.deep.equal([
      { from: 90, to: 140, label: '正常' },
      { from: 3, to: 4, label: '' },
    ]);
    expect(validateBands('nope')).to.deep.equal([]);
  });
});

describe('chart.js configuration', () => {
  it('animates normally and not at all under reduced motion', () => {
    const input = { type: 'line' as const, data, bands: [], unit: '', theme };
    expect(buildChartConfig({ ...input, reducedMotion: false }).options!.animation).to.deep.equal({ duration: 400 });
    expect(buildChartConfig({ ...input, reducedMotion: true }).options!.animation).to.equal(false);
  });

  it('colours series from the theme unless a series brings its own, and varies shape and dash', () => {
    const four = validateChartData(['x'], [1, 2, 3, 4, 5].map((n) => ({ label: `S${n}`, data: [n], ...(n === 2 ? { color: 'teal' } : {}) })))!;
    const config = buildChartConfig({ type: 'line', data: four, bands: [], unit: '', theme, reducedMotion: false });
    const datasets = config.data.datasets as unknown as { borderColor: string; pointStyle: string; borderDash: number[] }[];
    expect(datasets.map((d) => d.borderColor)).to.deep.equal(['#111111', 'teal', '#333333', '#444444', '#111111']);
    expect(new Set(datasets.slice(0, 4).map((d) => d.pointStyle)).size).to.equal(4);
    expect(new Set(datasets.slice(0, 4).map((d) => d.borderDash.join())).size).to.equal(4);
    const bars = buildChartConfig({ type: 'bar', data: four, bands: [], unit: '', theme, reducedMotion: false });
    expect((bars.data.datasets[0] as unknown as { borderDash: number[] }).borderDash).to.deep.equal([]);
  });

  it('titles the value axis with the unit and keeps the bands in view', () => {
    const config = buildChartConfig({ type: 'line', data, bands: [{ from: 90, to: 140, label: '正常' }], unit: 'mmHg', theme, reducedMotion: false });
    const y = config.options!.scales!.y as unknown as { title: { display: boolean; text: string }; suggestedMin: number; suggestedMax: number };
    expect(y.title).to.include({ display: true, text: 'mmHg' });
    expect([y.suggestedMin, y.suggestedMax]).to.deep.equal([90, 140]);
    expect(config.options!.plugins!.ckBands).to.deep.include({ fill: theme.band, font: '16px Noto Sans' });
    expect(config.plugins).to.deep.equal([bandsPlugin]);
    const plain = buildChartConfig({ type: 'line', data, bands: [], unit: '', theme, reducedMotion: false });
    expect(plain.options!.scales!.y).not.to.have.property('suggestedMin');
  });

  it('reads the theme tokens, with the standard theme as fallback', () => {
    const tokens: Record<string, string> = { '--ck-color-chart-1': ' #ffe14d ', '--ck-color-text': '#fff' };
    const read = readChartTheme({ getPropertyValue: (name: string) => tokens[name] ?? '', fontSize: '30px' });
    expect(read.series).to.deep.equal(['#ffe14d', '#0a58a8', '#0a58a8', '#0a58a8']);
    expect(read.text).to.equal('#fff');
    expect(read.fontSize).to.equal(30);
    expect(readChartTheme({ getPropertyValue: () => '', fontSize: '' }).fontSize).to.equal(20);
  });
});

describe('reference band plugin', () => {
  function fakeChart(hasY = true) {
    const calls: string[] = [];
    const ctx = {
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x} ${y} ${w} ${h}`),
      fillText: (label: string, x: number, y: number) => calls.push(`text ${label} ${x} ${y}`),
      font: '',
      fillStyle: '',
      textBaseline: '',
    };
    // y pixels: value 0 at the bottom (300), 200 at the top (0).
    const y = { getPixelForValue: (value: number) => 300 - value * 1.5 };
    const chart = { ctx, chartArea: { left: 40, right: 440, top: 20, bottom: 280 }, scales: hasY ? { y } : {} };
    return { chart: chart as unknown as Chart<'line'>, calls };
  }
  const draw = (chart: Chart<'line'>, options: BandsOptions) =>
    (bandsPlugin.beforeDatasetsDraw as (chart: Chart<'line'>, args: object, options: BandsOptions) => void)(chart, {}, options);
  const options = (bands: BandsOptions['bands']): BandsOptions => ({ bands, fill: 'green', text: 'black', font: '16px sans' });

  it('fills each band across the plot area, clipped to it, with its label', () => {
    const { chart, calls } = fakeChart();
    draw(chart, options([{ from: 90, to: 140, label: '正常' }, { from: 150, to: 400, label: '高' }, { from: 500, to: 600, label: '画外' }]));
    expect(calls).to.deep.equal(['save', 'rect 40 90 400 75', 'text 正常 48 94', 'rect 40 20 400 55', 'text 高 48 24', 'restore']);
  });

  it('draws nothing without bands or a value axis', () => {
    const { chart, calls } = fakeChart();
    draw(chart, options([]));
    const noAxis = fakeChart(false);
    draw(noAxis.chart, options([{ from: 1, to: 2, label: 'x' }]));
    expect([...calls, ...noAxis.calls]).to.deep.equal([]);
  });
});
