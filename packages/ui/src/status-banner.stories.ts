import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { BannerState } from './status-banner.js';
import './define.js';

interface BannerArgs {
  state: BannerState;
  reason: string;
  retryable: boolean;
}

const meta: Meta<BannerArgs> = {
  title: 'UI/Status banner',
  component: 'ck-status-banner',
  tags: ['autodocs'],
  args: { state: 'info', reason: '', retryable: false },
  argTypes: { state: { control: 'inline-radio', options: ['loading', 'offline', 'error', 'info', 'success'] } },
  render: (args) =>
    html`<ck-status-banner state=${args.state} reason=${args.reason} ?retryable=${args.retryable}></ck-status-banner>`,
};
export default meta;

type Story = StoryObj<BannerArgs>;

export const Loading: Story = { args: { state: 'loading' } };
export const Offline: Story = { args: { state: 'offline', retryable: true } };
export const ErrorRetryable: Story = { args: { state: 'error', retryable: true } };
export const ErrorWithReason: Story = { args: { state: 'error', reason: '密码错误次数过多，账户已锁定 15 分钟。' } };
export const Info: Story = { args: { state: 'info', reason: '本站母婴室今日 14:00–15:00 清洁，暂停使用。' } };
export const Success: Story = { args: { state: 'success', reason: '借书成功，共 2 本，应还日期 6 月 20 日。' } };
