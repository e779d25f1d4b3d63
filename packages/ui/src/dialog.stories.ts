import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';

/** Waits generously: the test machine may be busy. */
const patient = { timeout: 5000 };
import type { KioskDialog } from './dialog.js';
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
/** The kiosk's idle warning and timeout (the events IdleController fires on window). */
const idleWarning = () => window.dispatchEvent(new CustomEvent('ck-idle-warning', { detail: { remainingMs: 15_000 } }));
const idle = () => window.dispatchEvent(new CustomEvent('ck-idle'));

/** Opened by its button; the idle warning leaves it open; the idle timeout closes it for the next visitor. */
export const ClosesWhenIdle: Story = {
  args: { open: false },
  play: async ({ canvasElement }) => {
    const dialog = canvasElement.querySelector<KioskDialog>('ck-dialog')!;
    const native = () => dialog.shadowRoot!.querySelector('dialog')!;
    const reasons: string[] = [];
    dialog.addEventListener('ck-dialog-close', (event) => reasons.push((event as CustomEvent<{ reason: string }>).detail.reason));

    await userEvent.click(canvasElement.querySelector('ck-button')!);
    await waitFor(() => expect(native().open).toBe(true), patient);
    idleWarning();
    await dialog.updateComplete;
    await expect(native().open).toBe(true);
    idle();
    await waitFor(() => expect(native().open).toBe(false), patient);
    await expect(dialog.open).toBe(false);
    await expect(reasons).toEqual(['idle']);
  },
};

/** A dialog that must outlive the idle timeout (printing a receipt) stays open; its close button still closes it. */
export const StaysOpenWhenIdle: Story = {
  args: { closeOnIdle: false, heading: '请稍候', body: '正在打印借书凭条……' },
  play: async ({ canvasElement }) => {
    const dialog = canvasElement.querySelector<KioskDialog>('ck-dialog')!;
    const native = () => dialog.shadowRoot!.querySelector('dialog')!;
    await waitFor(() => expect(native().open).toBe(true), patient);
    idleWarning();
    idle();
    await dialog.updateComplete;
    await expect(native().open).toBe(true);
    // The native dialog's `close` event comes a task later; ck-dialog treats a late one as a
    // second close (a reopen within that task would be closed again), so wait for it.
    const closed = new Promise((resolve) => native().addEventListener('close', resolve, { once: true }));
    await userEvent.click(dialog.shadowRoot!.querySelector<HTMLElement>('[part~="close-button"]')!);
    await waitFor(() => expect(native().open).toBe(false), patient);
    await closed;
    // Open again for the picture: the dialog as the visitor sees it while the receipt prints.
    await userEvent.click(canvasElement.querySelector('ck-button')!);
    await waitFor(() => expect(native().open).toBe(true), patient);
  },
};
