import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ChartBand, ChartKind, ChartSeries } from './chart-config.js';
import './define.js';

interface ChartArgs {
  type: ChartKind;
  label: string;
  unit: string;
  categoryLabel: string;
  labels: string[];
  series: ChartSeries[];
  bands: ChartBand[];
}

const days = ['5月1日', '5月8日', '5月15日', '5月22日', '5月29日', '6月5日', '6月12日'];
const bloodPressure: ChartSeries[] = [
  { label: '收缩压', data: [128, 136, 142, 131, null, 125, 129] },
  { label: '舒张压', data: [82, 88, 93, 85, null, 80, 84] },
];
const normalRange: ChartBand[] = [{ from: 60, to: 140, label: '正常范围' }];

const meta: Meta<ChartArgs> = {
  title: 'UI/Chart',
  component: 'ck-chart',
  tags: ['autodocs'],
  args: { type: 'line', label: '血压', unit: 'mmHg', categoryLabel: '日期', labels: days, series: bloodPressure, bands: normalRange },
  argTypes: { type: { control: 'inline-radio', options: ['line', 'bar'] } },
  render: (args) =>
    html`<ck-chart
      type=${args.type}
      label=${args.label}
      unit=${args.unit}
      category-label=${args.categoryLabel}
      .labels=${args.labels}
      .series=${args.series}
      .bands=${args.bands}
    ></ck-chart>`,
};
export default meta;

type Story = StoryObj<ChartArgs>;

export const LineWithBands: Story = {};
export const Bar: Story = {
  args: {
    type: 'bar',
    label: '停车方案表决结果',
    unit: '户',
    categoryLabel: '选项',
    labels: ['同意', '反对', '弃权'],
    series: [{ label: '票数', data: [86, 31, 12] }],
    bands: [],
  },
};
export const NoData: Story = { args: { labels: [], series: [], bands: [] } };
/** Values that are not numbers, as a broken API might send them: the chart says "No data" instead of failing. */
export const MalformedData: Story = { args: { series: [{ label: '收缩压', data: ['128', 'high'] }] as unknown as ChartSeries[] } };
