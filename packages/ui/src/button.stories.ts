import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ButtonSize, ButtonVariant } from './button.js';
import './define.js';

interface ButtonArgs {
  variant: ButtonVariant;
  size: ButtonSize;
  disabled: boolean;
  text: string;
  withIcon: boolean;
}

const meta: Meta<ButtonArgs> = {
  title: 'UI/Button',
  component: 'ck-button',
  tags: ['autodocs'],
  args: { variant: 'primary', size: 'normal', disabled: false, text: '确定', withIcon: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['primary', 'secondary', 'danger', 'quiet'] },
    size: { control: 'inline-radio', options: ['normal', 'large'] },
  },
  render: (args) =>
    html`<ck-button variant=${args.variant} size=${args.size} ?disabled=${args.disabled}>
      ${args.withIcon
        ? html`<svg slot="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
            <path d="M3 11l9-8 9 8v10h-6v-6H9v6H3z" />
          </svg>`
        : ''}
      ${args.text}
    </ck-button>`,
};
export default meta;

type Story = StoryObj<ButtonArgs>;

export const Primary: Story = {};
export const Secondary: Story = { args: { variant: 'secondary', text: '返回' } };
export const Danger: Story = { args: { variant: 'danger', text: '注销登录' } };
export const Quiet: Story = { args: { variant: 'quiet', text: '查看详情' } };
export const Large: Story = { args: { size: 'large', text: '开始借书' } };
export const Disabled: Story = { args: { disabled: true, text: '确定' } };
export const WithIcon: Story = { args: { withIcon: true, text: '回到首页' } };
/** Long, plain words in large type, as elder-mode screens use them. */
export const ElderContent: Story = { args: { size: 'large', withIcon: true, text: '我要查看自己的健康档案' } };
