import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';

/** Waits generously: the test machine may be busy. */
const patient = { timeout: 5000 };
import type { KioskQrCode } from './qr-code.js';
import type { ErrorCorrectionLevel } from './qr-matrix.js';
import './define.js';

interface QrArgs {
  value: string;
  label: string;
  size: number;
  errorCorrection: ErrorCorrectionLevel;
  caption: string;
}

const route = 'https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=39.9087%2C116.3975%3B39.9122%2C116.4039';

const meta: Meta<QrArgs> = {
  title: 'UI/QR code',
  component: 'ck-qr-code',
  tags: ['autodocs'],
  args: { value: route, label: '步行去东桥公园站的路线', size: 240, errorCorrection: 'M', caption: '用手机扫码，路线带在身边' },
  argTypes: { errorCorrection: { control: 'inline-radio', options: ['L', 'M', 'Q', 'H'] } },
  render: (args) =>
    html`<ck-qr-code value=${args.value} label=${args.label} size=${args.size} error-correction=${args.errorCorrection}
      >${args.caption}</ck-qr-code
    >`,
};
export default meta;

type Story = StoryObj<QrArgs>;

export const RouteUrl: Story = {};
export const LargeHighCorrection: Story = { args: { size: 360, errorCorrection: 'H' } };
export const Empty: Story = { args: { value: '', caption: '' } };
export const TooLong: Story = { args: { value: `${route}&note=${'x'.repeat(3000)}`, caption: '' } };

/** A new value (another station's route) redraws the code: the old code never stays on screen. */
export const NewValue: Story = {
  play: async ({ canvasElement }) => {
    const qr = canvasElement.querySelector<KioskQrCode>('ck-qr-code')!;
    const code = () => qr.shadowRoot!.querySelector('[part~="code"] path')?.getAttribute('d');
    await waitFor(() => expect(code()).toBeTruthy(), patient);
    const first = code();
    qr.value = route.replace('39.9122%2C116.4039', '39.9156%2C116.4102');
    qr.label = '步行去金马广场驿站的路线';
    // Drawn again (the encoder loads asynchronously), and not the old code.
    await waitFor(() => expect(Boolean(code()) && code() !== first).toBe(true), patient);
    await expect(qr.shadowRoot!.querySelector('[part~="code"]')).toHaveAttribute('aria-label', '步行去金马广场驿站的路线');
  },
};
