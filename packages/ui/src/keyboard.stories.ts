import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { CkKeyboard } from './keyboard.js';
import './keyboard.js';

/** Waits generously: the test machine may be busy, and the dictionary loads on the first pinyin letter. */
const patient = { timeout: 10000 };

interface KeyboardArgs {
  layout: '' | 'pinyin' | 'en';
  value: string;
  maxlength: number | undefined;
  enterLabel: string;
  placeholder: string;
  /** A `data-ck-theme` around the keyboard, as a kiosk page sets it. */
  pageTheme: string;
  /** A `lang` around the keyboard (the nearest lang wins over the toolbar's language). */
  pageLang: string;
}

const meta: Meta<KeyboardArgs> = {
  title: 'UI/Keyboard',
  component: 'ck-keyboard',
  tags: ['autodocs'],
  args: { layout: '', value: '', maxlength: undefined, enterLabel: '', placeholder: '', pageTheme: '', pageLang: '' },
  argTypes: { layout: { control: 'inline-radio', options: ['', 'pinyin', 'en'] } },
  render: (args) =>
    html`<div data-ck-theme=${ifDefined(args.pageTheme || undefined)} lang=${ifDefined(args.pageLang || undefined)}>
      <ck-keyboard
        layout=${ifDefined(args.layout || undefined)}
        .value=${args.value}
        .maxlength=${args.maxlength}
        .enterLabel=${args.enterLabel}
        .placeholder=${args.placeholder}
      ></ck-keyboard>
    </div>`,
};
export default meta;

type Story = StoryObj<KeyboardArgs>;

const keyboardIn = (canvasElement: HTMLElement) => canvasElement.querySelector<CkKeyboard>('ck-keyboard')!;
const buttons = (keyboard: CkKeyboard, part: string) => [...keyboard.shadowRoot!.querySelectorAll<HTMLButtonElement>(`[part~="${part}"] button, button[part~="${part}"]`)];
const keyNamed = (keyboard: CkKeyboard, name: string) => buttons(keyboard, 'keys').find((key) => key.textContent?.trim() === name)!;

async function typeKeys(keyboard: CkKeyboard, keys: Iterable<string>): Promise<void> {
  for (const name of keys) await userEvent.click(keyNamed(keyboard, name));
}

/** Waits until the candidate bar shows `word`. */
async function candidateShown(keyboard: CkKeyboard, word: string): Promise<void> {
  await waitFor(() => expect(buttons(keyboard, 'candidate').map((b) => b.textContent?.trim())).toContain(word), patient);
}

/** The visitor types "nihao": the dictionary loads, 你好 leads the candidate bar. */
export const Pinyin: Story = {
  args: { placeholder: '请输入留言' },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await typeKeys(keyboard, 'nihao');
    await candidateShown(keyboard, '你好');
    await expect(buttons(keyboard, 'candidate')[0]!.textContent?.trim()).toBe('你好');
  },
};

/** 你好 committed, then a tap on a candidate of "dajia": the value grows, the rest of the letters stay composing. */
export const PinyinCommitted: Story = {
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    const values: string[] = [];
    keyboard.addEventListener('ck-keyboard-input', (event) => values.push(event.detail.value));
    await typeKeys(keyboard, 'nihao');
    await candidateShown(keyboard, '你好');
    await userEvent.click(buttons(keyboard, 'candidate')[0]!);
    await typeKeys(keyboard, 'dajia');
    await candidateShown(keyboard, '大家');
    await userEvent.click(keyNamed(keyboard, '空格'));
    await expect(values).toEqual(['你好', '你好大家']);
    await typeKeys(keyboard, 'hao');
    await candidateShown(keyboard, '好');
  },
};

/** Searching the catalogue by pinyin initials: "hlm" offers 红楼梦. */
export const PinyinInitials: Story = {
  args: { placeholder: '书名、作者、ISBN 或拼音首字母', enterLabel: '搜索' },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await typeKeys(keyboard, 'hlm');
    await candidateShown(keyboard, '红楼梦');
  },
};

export const English: Story = {
  args: { layout: 'en', value: 'Journey to the West', enterLabel: '搜索' },
};

/** An ISBN on the digits layer: digits, hyphens and the X check character. */
export const DigitsIsbn: Story = {
  args: { layout: 'en', placeholder: 'ISBN', enterLabel: '搜索', maxlength: 17 },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await userEvent.click(keyNamed(keyboard, '123'));
    await typeKeys(keyboard, '7-5600-302');
    await userEvent.click(keyNamed(keyboard, 'X'));
    await expect(keyboard.value).toBe('7-5600-302X');
  },
};

/** Elder mode: the theme's larger type and 64 px targets make every key bigger. */
export const ElderMode: Story = {
  args: { pageTheme: 'elder', placeholder: '请输入留言' },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await typeKeys(keyboard, 'tingche');
    await candidateShown(keyboard, '停车');
  },
};

export const HighContrast: Story = {
  args: { pageTheme: 'high-contrast', value: '停车位' },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await typeKeys(keyboard, 'zeng');
    await candidateShown(keyboard, '增');
  },
};

/** In English the labels are English and the keyboard opens on the English layout; the 中文 key switches to pinyin. */
export const EnglishLabels: Story = {
  args: { pageLang: 'en', placeholder: 'Title, author or ISBN' },
  play: async ({ canvasElement }) => {
    const keyboard = keyboardIn(canvasElement);
    await expect(keyboard.layout).toBe('en');
    await expect(keyNamed(keyboard, 'Space')).toBeTruthy();
    await typeKeys(keyboard, 'red');
    await expect(keyboard.value).toBe('red');
  },
};
