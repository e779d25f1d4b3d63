import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';

interface DialogArgs {
  open: boolean;
  heading: string;
  body: string;
  closeOnIdle: boolean;
}

const meta: Meta<DialogArgs> = {
  title: 'UI/Dialog',
  component: 'ck-dialog',
  tags: ['autodocs'],
  args: {
    open: true,
    heading: '确认借书',
    body: '您将借阅 2 本书，应还日期为 6 月 20 日。',
    closeOnIdle: true,
  },
  render: (args) => html`
    <ck-button
      variant="secondary"
      @click=${(event: Event) => (event.currentTarget as HTMLElement).parentElement!.querySelector('ck-dialog')!.show()}
      >打开对话框</ck-button
    >
    <ck-dialog ?open=${args.open} heading=${args.heading} .closeOnIdle=${args.closeOnIdle}>
      <p>${args.body}</p>
      <ck-button slot="footer" variant="secondary">取消</ck-button>
      <ck-button slot="footer">确认借书</ck-button>
    </ck-dialog>
  `,
};
export default meta;

type Story = StoryObj<DialogArgs>;

export const Open: Story = {};
export const Closed: Story = { args: { open: false } };
export const LongContent: Story = {
  args: {
    heading: '东桥公园站 · 服务说明',
    body: '本站提供卫生间、无障碍卫生间、母婴室、饮用水、手机充电、无线网络和休息室。开放时间为每天 6:00 至 22:00。如需帮助，请联系站点负责人：王建国，电话 010-1234 5678。'.repeat(4),
  },
};
export const StaysOpenWhenIdle: Story = { args: { closeOnIdle: false, heading: '请稍候', body: '正在打印借书凭条……' } };
