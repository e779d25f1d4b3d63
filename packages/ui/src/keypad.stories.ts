import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';

/** Waits generously: the test machine may be busy. */
const patient = { timeout: 5000 };
import type { KioskKeypad } from './keypad.js';
import './define.js';

interface KeypadArgs {
  label: string;
  masked: boolean;
  maxlength: number;
  minlength: number;
  allowX: boolean;
  value: string;
}

const meta: Meta<KeypadArgs> = {
  title: 'UI/Keypad',
  component: 'ck-keypad',
  tags: ['autodocs'],
  args: { label: '', masked: false, maxlength: 32, minlength: 1, allowX: false, value: '' },
  render: (args) =>
    html`<ck-keypad
      label=${args.label}
      ?masked=${args.masked}
      maxlength=${args.maxlength}
      minlength=${args.minlength}
      ?allow-x=${args.allowX}
      .value=${args.value}
    ></ck-keypad>`,
};
export default meta;

type Story = StoryObj<KeypadArgs>;

export const PlainNumber: Story = {};
export const Pin: Story = { args: { masked: true, maxlength: 6, minlength: 6 } };
export const PinPartlyEntered: Story = { args: { masked: true, maxlength: 6, minlength: 6, value: '314' } };
export const ResidentId: Story = { args: { label: '请输入身份证号码', allowX: true, maxlength: 18, minlength: 18 } };
/** 17 digits entered: the X key is now accepted. */
export const ResidentIdAwaitingCheckCharacter: Story = {
  args: { label: '请输入身份证号码', allowX: true, maxlength: 18, minlength: 18, value: '11010519491231002' },
};
export const MaxlengthReached: Story = { args: { label: '读者证号', maxlength: 8, minlength: 8, value: '20240517' } };

/** The visitor types a PIN, hits a wrong key, deletes it and finishes: OK sends the corrected PIN. */
export const PinWithCorrection: Story = {
  args: { masked: true, maxlength: 6, minlength: 6 },
  play: async ({ canvasElement }) => {
    const keypad = canvasElement.querySelector<KioskKeypad>('ck-keypad')!;
    const root = keypad.shadowRoot!;
    // The grid is 1-9, Clear, 0, Delete: keys are found by place, whatever the language.
    const keys = () => [...root.querySelectorAll<HTMLButtonElement>('[part~="keys"] button')];
    const digit = (d: string) => keys().find((key) => key.textContent?.trim() === d)!;
    // The event names no digits (no personal data in events): the listener reads the keypad's value.
    const submitted: string[] = [];
    keypad.addEventListener('ck-keypad-submit', () => submitted.push(keypad.value));

    for (const d of '3147') await userEvent.click(digit(d));
    await expect(keypad.value).toBe('3147');
    await userEvent.click(keys()[11]!);
    await expect(keypad.value).toBe('314');
    for (const d of '159') await userEvent.click(digit(d));
    await waitFor(() => expect(keypad.value).toBe('314159'), patient);
    // Masked: six dots, never the digits.
    await expect(root.querySelector('[part~="display"]')!.textContent).not.toContain('314159');
    await expect(root.querySelector('[part~="display"] [aria-hidden="true"]')!.textContent).toBe('●●●●●●');
    const ok = root.querySelector<HTMLButtonElement>('[part~="submit"]')!;
    await expect(ok).toHaveAttribute('aria-disabled', 'false');
    await userEvent.click(ok);
    await expect(submitted).toEqual(['314159']);
  },
};
