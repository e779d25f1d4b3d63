import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import './define.js';
import { DemoLibrary, type DemoOptions } from './demo.js';
import type { LibraryCheckout } from './library-checkout.js';
import type { ReceiptKind } from './rules.js';

/**
 * Every story runs against the in-memory demo library (CONTRACT C codes and
 * reasons), on the fixed clock of the visual run (6 May 2025). States that
 * need a visitor (signed in, items scanned) are reached by a play function
 * that scans like a USB scanner and types on the keypad.
 */
interface Args {
  theme: string;
  receipt: ReceiptKind;
  library: DemoOptions;
}

const storyTheme = (own: string, toolbar: unknown) =>
  [...new Set(`${own} ${typeof toolbar === 'string' ? toolbar : ''}`.split(/\s+/).filter(Boolean))].join(' ') || 'standard';

const meta: Meta<Args> = {
  title: 'Services/Library checkout',
  component: 'ck-library-checkout',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  args: { theme: '', receipt: 'qr', library: {} },
  argTypes: { library: { control: false } },
  render: (args, context) =>
    html`<ck-library-checkout .source=${new DemoLibrary(args.library)} receipt=${args.receipt} card-prefix="LIB" theme=${storyTheme(args.theme, context.globals.theme)}></ck-library-checkout>`,
};
export default meta;
type Story = StoryObj<Args>;

const element = (canvas: HTMLElement) => canvas.querySelector<LibraryCheckout>('ck-library-checkout')!;
const root = (el: LibraryCheckout) => el.shadowRoot!;

/** A USB scanner: a burst of keys with their own time stamps, then Enter. */
function scan(code: string): void {
  const start = performance.now();
  [...code, 'Enter'].forEach((key, i) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
    document.body.dispatchEvent(event);
  });
}

async function signIn(el: LibraryCheckout, card: string) {
  await el.taskComplete;
  scan(card);
  await waitFor(() => expect(el.screen).toBe('pin'));
  await el.updateComplete;
  const pad = root(el).querySelector<HTMLElement & { value: string; updateComplete: Promise<unknown> }>('ck-keypad')!;
  pad.value = '123456';
  await pad.updateComplete;
  pad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await waitFor(() => expect(el.screen).toBe('borrow'));
}

async function scanAll(el: LibraryCheckout, codes: string[]) {
  for (const code of codes) {
    scan(code);
    await el.updateComplete;
  }
  await waitFor(() => expect(root(el).querySelector('[data-state="checking"]')).toBeNull(), { timeout: 5000 });
  await el.updateComplete;
}

const tap = async (el: LibraryCheckout, selector: string) => {
  const found = root(el).querySelector<HTMLElement>(selector)!;
  (found.shadowRoot?.querySelector('button') ?? found).click();
  await el.taskComplete;
};

async function searchFor(el: LibraryCheckout, value: string) {
  await el.taskComplete;
  if (el.screen !== 'search') await tap(el, '[data-action="search"]');
  // What the visitor typed on <ck-keyboard>, then Enter.
  const keyboard = root(el).querySelector<HTMLElement & { value?: string; updateComplete?: Promise<unknown> }>('ck-keyboard')!;
  keyboard.value = value;
  await keyboard.updateComplete;
  keyboard.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value }, bubbles: true, composed: true }));
  await el.taskComplete;
}

/** Signed out: scan the card to borrow; return without a card; search. */
export const SignedOut: Story = {};

/** The card was scanned: the PIN on the keypad (a scan alone is not enough by default). */
export const PinEntry: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await el.taskComplete;
    scan('LIB00001');
    await waitFor(() => expect(el.screen).toBe('pin'));
  },
};

/** Borrowing with mixed results: one lent with its due date, one reading-room copy, one reserved for another reader, one still being checked. */
export const BorrowingMixed: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await signIn(el, 'LIB00001');
    await scanAll(el, ['CK000202', 'CK000103', 'CK000501', 'CK000801']);
    await expect(root(el).querySelectorAll('[data-state="done"]')).toHaveLength(2);
  },
};

const blocked = (card: string, code: string): Story => ({
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await signIn(el, card);
    await scanAll(el, ['CK000702']);
    await expect(root(el).querySelector(`.blocked[data-code="${code}"], [data-code="${code}"]`)).not.toBeNull();
  },
});

/** A card blocked by an overdue loan: the server's reason, and "return the overdue books first". */
export const BlockedOverdue = blocked('LIB00002', 'CARD_BLOCKED_OVERDUE');
/** A card blocked by unpaid fines above the limit. */
export const BlockedFines = blocked('LIB00004', 'CARD_BLOCKED_FINES');
/** An expired card. */
export const BlockedExpired = blocked('LIB00003', 'CARD_EXPIRED');
/** The loan limit reached. */
export const LoanLimit = blocked('LIB00005', 'LOAN_LIMIT');

/** Returns without signing in: returned, one for the hold shelf (bin), one late with its fine, one that was not on loan. */
export const ReturnsWithHoldShelf: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await el.taskComplete;
    await tap(el, '[data-action="return"]');
    await scanAll(el, ['CK000702', 'CK000201', 'CK000601']);
    await expect(root(el).querySelector('.shelf')).not.toBeNull();
  },
};

const account = (card: string): Story => ({
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await signIn(el, card);
    await tap(el, '[data-action="account"]');
    await waitFor(() => expect(root(el).querySelector('#loans-title')).not.toBeNull());
  },
});

/** My account: loans with due dates, a hold ready at the desk with its shelf deadline, a waiting hold, a small fine. */
export const Account = account('LIB00001');
/** My account with an overdue loan (highlighted, with words and an icon), a waiting hold and a fine. */
export const AccountOverdue = account('LIB00002');

/** Search by title: availability and call number in large results. */
export const SearchTitle: Story = { play: async ({ canvasElement }) => searchFor(element(canvasElement), '红楼梦') };
/** Search by ISBN, typed with hyphens: normalised. */
export const SearchIsbn: Story = { play: async ({ canvasElement }) => searchFor(element(canvasElement), '978-7-5366-9293-0') };
/** An ISBN with a wrong check digit: a clear message, no search. */
export const SearchIsbnWrong: Story = { play: async ({ canvasElement }) => searchFor(element(canvasElement), '978-7-5366-9293-1') };
/** Pinyin initials: `hlm` finds 红楼梦. */
export const SearchInitials: Story = { play: async ({ canvasElement }) => searchFor(element(canvasElement), 'hlm') };
/** Nothing found. */
export const SearchNoResult: Story = { play: async ({ canvasElement }) => searchFor(element(canvasElement), '独角兽') };

/** Signed in, all copies out: reserve with one tap. */
export const SearchReserve: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await signIn(el, 'LIB00001');
    await searchFor(el, 'sgyy');
    await expect(root(el).querySelector('[data-hold]')).not.toBeNull();
  },
};

/** The SIP2 library system does not answer (503 LIBRARY_OFFLINE): a clear screen. */
export const Sip2Offline: Story = { args: { library: { offline: true, backend: 'sip2' } } };

/** A scanner that sends garbage: a clear message. */
export const ScannerGarbage: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await el.taskComplete;
    await tap(el, '[data-action="return"]');
    scan('#%&*!');
    await el.updateComplete;
  },
};

/** The receipt at the end, as a QR code. */
export const Receipt: Story = {
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await signIn(el, 'LIB00001');
    await scanAll(el, ['CK000202', 'CK000801']);
    await tap(el, '[data-action="finish"]');
    await waitFor(() => expect(el.screen).toBe('receipt'));
  },
};

/** Elder mode (长辈版): larger type and touch targets, borrowing. */
export const ElderMode: Story = { args: { theme: 'elder' }, play: BorrowingMixed.play };

/** In English. */
export const English: Story = { globals: { locale: 'en' }, play: BorrowingMixed.play };

/** High contrast. */
export const HighContrast: Story = { args: { theme: 'high-contrast' }, play: BorrowingMixed.play };
