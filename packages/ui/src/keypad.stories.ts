import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
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
