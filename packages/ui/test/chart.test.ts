import { setLocale } from '@civic-kiosk/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import '../src/define.js';
import type { ChartBand, ChartSeries } from '../src/chart-config.js';
import type { KioskChart } from '../src/chart.js';
import { all, part, text, useThemeCss } from './helpers.js';

const days = ['5月1日', '5月2日', '5月3日'];
const pressure: ChartSeries[] = [
  { label: '收缩压', data: [128, 135, 142] },
  { label: '舒张压', data: [82, null, 91] },
];
const normal: ChartBand[] = [{ from: 90, to: 140, label: '正常范围' }];

async function chartOf(el: KioskChart): Promise<Chart> {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  await waitUntil(() => Chart.getChart(canvas), 'chart.js never drew');
  return Chart.getChart(canvas)!;
}

function bloodPressure(): Promise<KioskChart> {
  return fixture<KioskChart>(html`<ck-chart
    label="血压"
    unit="mmHg"
    category-label="日期"
    .labels=${days}
    .series=${pressure}
    .bands=${normal}
  ></ck-chart>`);
}

const rows = (el: KioskChart) =>
  all(el, 'tbody tr').map((row) => [...row.children].map((cell) => text(cell.querySelector('[aria-hidden]') ?? cell)));

describe('ck-chart', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await setLocale('zh-CN');
  });

  it('draws a canvas named for screen readers, with the same data as a table', async () => {
    const el = await bloodPressure();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.equal('血压。相同数据见表格。');
    const table = part<HTMLTableElement>(el, 'table');
    expect(text(table.caption)).to.equal('血压 (mmHg)');
    expect(all(el, 'thead th').map(text)).to.deep.equal(['日期', '收缩压', '舒张压']);
    expect(all(el, 'thead th').every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    expect(all(el, 'tbody th').every((th) => th.getAttribute('scope') === 'row')).to.equal(true);
    expect(rows(el)).to.deep.equal([
      ['5月1日', '128', '82'],
      ['5月2日', '135', '–'],
      ['5月3日', '142', '91'],
    ]);
    const chart = await chartOf(el);
    expect(chart.data.datasets.map((dataset) => dataset.label)).to.deep.equal(['收缩压', '舒张压']);
    await expect(el).to.be.accessible();
  });

  it('keeps the table for screen readers but out of sight until asked, then swaps', async () => {
    const el = await bloodPressure();
    const toggle = part<HTMLButtonElement>(el, 'toggle');
    expect(text(toggle)).to.equal('以表格显示');
    const box = () => part(el, 'table').parentElement!.getBoundingClientRect();
    expect(box().width, 'visually hidden').to.be.at.most(1);
    expect(toggle.getBoundingClientRect().height).to.be.at.least(48);

    toggle.click();
    await el.updateComplete;
    expect(text(toggle)).to.equal('以图表显示');
    expect(box().width).to.be.above(100);
    expect(part(el, 'chart').hidden).to.equal(true);
    await expect(el).to.be.accessible();

    toggle.click();
    await el.updateComplete;
    expect(part(el, 'chart').hidden).to.equal(false);
    expect(text(toggle)).to.equal('以表格显示');
  });

  it('shows a missing value as a spoken gap in the table and a gap in the chart', async () => {
    const el = await bloodPressure();
    const gap = all(el, 'tbody tr')[1]!.children[2]!;
    expect(text(gap.querySelector('.visually-hidden'))).to.equal('无数据');
    expect((await chartOf(el)).data.datasets[1]!.data).to.deep.equal([82, null, 91]);
  });

  it('explains the reference bands in words, not only as a shaded strip', async () => {
    const el = await bloodPressure();
    expect(text(part(el, 'bands'))).to.equal('正常范围：90–140 mmHg');
    const chart = await chartOf(el);
    expect(chart.options.plugins!.ckBands!.bands![0]!.to).to.equal(140);
  });

  it('takes its colours from the tokens, so themes apply', async () => {
    const el = await bloodPressure();
    expect((await chartOf(el)).data.datasets[0]!.borderColor).to.equal('#0a58a8');
    const dark = await fixture<KioskChart>(html`<ck-chart theme="high-contrast" label="体重" .labels=${days}
      .series=${[{ label: '体重', data: [60, 61, 60] }]}></ck-chart>`);
    expect((await chartOf(dark)).data.datasets[0]!.borderColor).to.equal('#ffe14d');
  });

  it('turns animation off when the visitor prefers reduced motion', async () => {
    // Compared as booleans: chai cannot print chart.js's option proxies when a test fails.
    const animated = async (el: KioskChart) => (await chartOf(el)).options.animation !== false;
    expect(await animated(await bloodPressure())).to.equal(true);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(await animated(await bloodPressure())).to.equal(false);
  });

  it('updates the same chart when the data changes, and makes a new one for a new type', async () => {
    const el = await bloodPressure();
    const first = await chartOf(el);
    el.series = [{ label: '收缩压', data: [120, 121, 122] }];
    await el.updateComplete;
    await waitUntil(() => first.data.datasets.length === 1, 'the chart was not updated');
    expect((await chartOf(el)) === first, 'the same chart, updated').to.equal(true);
    expect(rows(el)).to.deep.equal([
      ['5月1日', '120'],
      ['5月2日', '121'],
      ['5月3日', '122'],
    ]);

    el.type = 'bar';
    await el.updateComplete;
    await waitUntil(() => Chart.getChart(el.shadowRoot!.querySelector('canvas')!) !== first, 'no new chart');
    expect(((await chartOf(el)).config as { type: string }).type).to.equal('bar');
  });

  it('destroys the chart when removed and draws it again when put back', async () => {
    const el = await bloodPressure();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    await chartOf(el);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas) === undefined, 'destroyed').to.equal(true);
    parent.append(el);
    await chartOf(el);
  });

  it('does not draw while detached (chart.js would keep the removed element alive), and draws when put back', async () => {
    const el = await bloodPressure();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    await chartOf(el);
    const parent = el.parentElement!;
    el.remove();
    el.series = [{ label: '收缩压', data: [120, 125, 130] }];
    await el.updateComplete;
    expect(Chart.getChart(canvas) === undefined, 'not drawn while detached').to.equal(true);
    parent.append(el);
    expect((await chartOf(el)).data.datasets[0]!.data).to.deep.equal([120, 125, 130]);
  });

  for (const [name, labels, series] of [
    ['no labels', [], pressure],
    ['no series', days, []],
    ['lengths that do not match', days, [{ label: '收缩压', data: [1, 2] }]],
    ['values that are not numbers', days, [{ label: '收缩压', data: [1, '2', 3] }]],
    ['only gaps', days, [{ label: '收缩压', data: [null, NaN, Infinity] }]],
    ['series that are not objects', days, ['收缩压']],
    ['labels that are not text', [{}, {}, {}], pressure],
  ] as const) {
    it(`shows "No data" for ${name}, and never throws`, async () => {
      const el = await fixture<KioskChart>(html`<ck-chart label="血压" .labels=${labels} .series=${series}></ck-chart>`);
      expect(text(part(el, 'empty'))).to.equal('暂无数据');
      expect(el.shadowRoot!.querySelector('canvas, table')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('reads data from JSON attributes and treats malformed JSON as no data', async () => {
    const el = await fixture<KioskChart>(html`<ck-chart type="bar" labels='["甲","乙"]' series='[{"label":"票数","data":[3,5]}]'></ck-chart>`);
    expect(((await chartOf(el)).config as { type: string }).type).to.equal('bar');
    expect(rows(el)).to.deep.equal([
      ['甲', '3'],
      ['乙', '5'],
    ]);
    expect(text(part(el, 'caption')), 'default caption').to.equal('图表');
    el.setAttribute('series', '[{"label": oops');
    await el.updateComplete;
    expect(text(part(el, 'empty'))).to.equal('暂无数据');
    el.removeAttribute('series');
    await el.updateComplete;
    expect(text(part(el, 'empty'))).to.equal('暂无数据');
  });

  it('draws again after having had no data', async () => {
    const el = await fixture<KioskChart>(html`<ck-chart label="血压"></ck-chart>`);
    el.labels = days;
    el.series = pressure;
    await el.updateComplete;
    await chartOf(el);
    el.series = [];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas')).to.equal(null);
  });

  it('speaks English after a locale switch', async () => {
    const el = await bloodPressure();
    await setLocale('en');
    await el.updateComplete;
    expect(text(part(el, 'toggle'))).to.equal('Show as table');
    expect(text(part(el, 'bands'))).to.equal('正常范围: 90 to 140 mmHg');
    const empty = await fixture<KioskChart>(html`<ck-chart></ck-chart>`);
    expect(text(part(empty, 'empty'))).to.equal('No data');
    expect(text(all(empty, 'figcaption')[0])).to.equal('Chart');
  });

  it('redraws the canvas on a locale switch: number formats, tooltips and axis ticks in the new locale', async () => {
    const el = await bloodPressure();
    const chart = await chartOf(el);
    const tick = (value: number) => (chart.options.scales!.y!.ticks as unknown as { callback: (v: number) => string }).callback(value);
    expect([chart.options.locale, tick(1234.5)]).to.deep.equal(['zh-CN', '1,234.5']);
    await setLocale('en');
    await el.updateComplete;
    await waitUntil(() => chart.options.locale === 'en', 'the canvas was not drawn again in English');
    expect(Chart.getChart(el.shadowRoot!.querySelector('canvas')!) === chart, 'the same chart, updated').to.equal(true);
    const enTick = (chart.options.scales!.y!.ticks as unknown as { callback: (v: number) => string }).callback;
    expect(enTick(0.5)).to.equal('0.5');
    expect(el.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')).to.equal('血压. The same data is in the table.');
  });

  it('follows a lang on an ancestor, in the canvas too', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><ck-chart label="Weight" .labels=${days}
      .series=${[{ label: 'kg', data: [60, 61, 60] }]}></ck-chart></div>`);
    const el = wrapper.querySelector('ck-chart')!;
    expect((await chartOf(el)).options.locale).to.equal('en');
    expect(text(part(el, 'toggle'))).to.equal('Show as table');
  });

  it('redraws in larger type when elder mode is switched on an ancestor, and in high-contrast colours', async () => {
    await useThemeCss();
    const wrapper = await fixture<HTMLDivElement>(html`<div data-ck-theme="standard"></div>`);
    const el = document.createElement('ck-chart');
    el.labels = days;
    el.series = pressure;
    wrapper.append(el);
    await el.updateComplete;
    const chart = await chartOf(el);
    const size = () => (chart.options.font as { size: number }).size;
    const colour = () => chart.data.datasets[0]!.borderColor;
    expect([size(), colour()]).to.deep.equal([16, '#0a58a8']);
    wrapper.setAttribute('data-ck-theme', 'elder');
    await waitUntil(() => size() === 24, 'the canvas type did not grow in elder mode');
    wrapper.setAttribute('data-ck-theme', 'elder high-contrast');
    await waitUntil(() => colour() === '#ffe14d', 'the canvas colours did not follow high contrast');
    expect((chart.options.scales!.x!.ticks as { color: string }).color).to.not.equal('#1a1d21');
    await expect(el).to.be.accessible();
  });

  it('says through chartComplete when the chart is drawn', async () => {
    const el = await bloodPressure();
    await el.chartComplete;
    expect(Chart.getChart(el.shadowRoot!.querySelector('canvas')!)).to.not.equal(undefined);
  });
});
