import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import './define.js';
import { CLOSED_MOTION, demoBoard, demoResidents } from './demo.js';
import { InMemoryDeliberationSource, type InMemoryOptions, type RawBoard } from './memory-source.js';
import type { ParkingBoard } from './parking-board.js';
import type { BoardView } from './rules.js';
import type { DeliberationSource } from './types.js';

/** A fresh fake server per story (stories change it: votes, supports). */
const fake = (options: InMemoryOptions = {}, raw: RawBoard = demoBoard()) => () => new InMemoryDeliberationSource(raw, { residents: demoResidents(), ...options });

/** The demo board where household hh-001 (card XK0001) has already voted on the open motion. */
function votedBoard(): RawBoard {
  const raw = demoBoard();
  raw.ballots['motion-barrier-gate']!['hh-001'] = { choice: 'agree', receipt: 'K7Q2-M9XD-4RTB' };
  return raw;
}

function brokenBoard(): RawBoard {
  const raw = demoBoard();
  raw.topic = { id: 'topic-parking', title: { 'zh-CN': '老街小区停车难怎么办？', en: 'How should the Old Street estate solve its parking shortage?' }, figures: null, eligibleHouseholds: 0, officialAnswer: null };
  raw.motions = [{ id: 'm-bad', title: { 'zh-CN': '没有选项的动议', en: 'A motion without choices' }, status: 'open', choices: [], eligibleHouseholds: 0 }];
  raw.ballots = {};
  return raw;
}

const storyTheme = (own: string, toolbar: unknown) =>
  [...new Set(`${own} ${typeof toolbar === 'string' ? toolbar : ''}`.split(/\s+/).filter(Boolean))].join(' ') || 'standard';

interface Args {
  view: BoardView;
  motionId: string;
  theme: string;
  source: () => DeliberationSource;
}

const meta: Meta<Args> = {
  title: 'Services/Parking board',
  component: 'ck-parking-board',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  args: { view: 'problem', motionId: '', theme: '', source: fake() },
  argTypes: { source: { control: false } },
  render: (args, context) => html`<ck-parking-board
    .source=${args.source()}
    view=${args.view}
    motion-id=${args.motionId}
    card-prefix="XK"
    theme=${storyTheme(args.theme, context.globals.theme)}
  ></ck-parking-board>`,
};
export default meta;
type Story = StoryObj<Args>;

// ---- play helpers: what a visitor's taps do ----
const boardOf = (canvas: HTMLElement) => canvas.querySelector<ParkingBoard>('ck-parking-board')!;
const find = (el: ParkingBoard, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
async function tap(el: ParkingBoard, selector: string) {
  await waitFor(() => expect(find(el, selector)).toBeTruthy(), { timeout: 10_000 });
  find(el, selector)!.click();
  await el.updateComplete;
}
async function typeOnKeypad(el: ParkingBoard, value: string) {
  await waitFor(() => expect(find(el, 'ck-keypad')).toBeTruthy(), { timeout: 10_000 });
  const pad = find(el, 'ck-keypad') as HTMLElement & { value: string; updateComplete: Promise<unknown> };
  pad.value = value;
  await pad.updateComplete;
  pad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await el.updateComplete;
}
async function verify(el: ParkingBoard, digits: string, pin = '123456') {
  await typeOnKeypad(el, digits);
  await waitFor(() => expect(find(el, '[data-step="pin"]')).toBeTruthy());
  await typeOnKeypad(el, pin);
}
async function voteAs(el: ParkingBoard, digits: string, choice: string) {
  await tap(el, '[data-action="vote"]');
  await verify(el, digits);
  await tap(el, `[data-choice="${choice}"]`);
  await tap(el, '[data-action="confirm"]');
}

/** The problem at a glance: cars against spaces as a chart and in words, and the official answer. */
export const TheProblem: Story = {};

/** Proposals with supports against the threshold. */
export const Proposals: Story = { args: { view: 'proposals' } };

/** One proposal with its comments, and quick phrases to add one (after verifying). */
export const ProposalComments: Story = {
  args: { view: 'proposals' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await tap(el, '[data-id="prop-barrier"] [data-action="comments"]');
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('.comment').length).toBe(3));
  },
};

/** Meetings: agenda, attendance, minutes and decisions. */
export const Meetings: Story = { args: { view: 'meetings' } };

/** An open vote: counts hidden, only turnout shown. */
export const OpenVoteCountsHidden: Story = { args: { view: 'vote' } };

/** A closed motion: counts, percentages, turnout against eligible households, passed under its quorum rule. */
export const ClosedWithResults: Story = { args: { view: 'vote', motionId: CLOSED_MOTION } };

/** The vote is counted: the receipt large and as a QR code. */
export const VoteReceipt: Story = {
  args: { view: 'vote' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await voteAs(el, '0002', 'agree');
    await waitFor(() => expect(find(el, '[part="receipt-code"]')).toBeTruthy());
  },
};

/** The household has already voted: the resident is told, and that a new vote replaces it. */
export const AlreadyVoted: Story = {
  args: { view: 'vote', source: fake({}, votedBoard()) },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await tap(el, '[data-action="vote"]');
    await verify(el, '0001');
    await waitFor(() => expect(find(el, '[data-previous]')).toBeTruthy());
  },
};

/** A changed vote: the new receipt, and the old one named as replaced. */
export const VoteChanged: Story = {
  args: { view: 'vote', source: fake({}, votedBoard()) },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await voteAs(el, '0001', 'disagree');
    await waitFor(() => expect(find(el, '[data-replaced]')).toBeTruthy());
  },
};

/** A wrong PIN: the server's reason and the attempts left. */
export const WrongPin: Story = {
  args: { view: 'vote' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await tap(el, '[data-action="vote"]');
    await verify(el, '0001', '000000');
    await waitFor(() => expect(find(el, '[data-reason]')).toBeTruthy());
  },
};

/** Locked after wrong PINs: until when. */
export const LockedAfterWrongPins: Story = {
  args: { view: 'vote' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await tap(el, '[data-action="vote"]');
    await verify(el, '0003');
    await waitFor(() => expect(find(el, '[data-reason]')).toBeTruthy());
  },
};

/** A household outside the motion's community: the exact reason. */
export const NotEligible: Story = {
  args: { view: 'vote' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await voteAs(el, '0321', 'agree');
    await waitFor(() => expect(find(el, '[data-reason]')).toBeTruthy());
  },
};

/** The connection dropped after "confirm": the vote may have arrived; retrying sends the same vote (same key). */
export const NetworkLostMidVote: Story = {
  args: { view: 'vote', source: fake({ loseBallotAnswers: 1 }) },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await voteAs(el, '0002', 'agree');
    await waitFor(() => expect(find(el, '[part="uncertain"]')).toBeTruthy());
  },
};

/** The service cannot be reached. */
export const Offline: Story = { args: { source: fake({ offline: true }) } };

/** Receipt found: from the receipt screen, "check it in the tally". */
export const ReceiptFound: Story = {
  args: { view: 'vote' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await voteAs(el, '0002', 'agree');
    await tap(el, '[data-action="check-mine"]');
    await waitFor(() => expect(find(el, '[data-found]')).toBeTruthy());
  },
};

/** Receipt not found: the visitor typed a code on the on-screen keyboard that is not in the tally. */
export const ReceiptNotFound: Story = {
  args: { view: 'supervision', motionId: CLOSED_MOTION },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await waitFor(() => expect(find(el, 'ck-keyboard')?.shadowRoot?.querySelector('[part~="key"]')).toBeTruthy(), { timeout: 10_000 });
    const keyboard = find(el, 'ck-keyboard')!;
    for (const letter of 'qwerty') {
      [...keyboard.shadowRoot!.querySelectorAll<HTMLElement>('[part~="key"]')].find((k) => k.textContent.trim().toLowerCase() === letter)!.click();
      await el.updateComplete;
    }
    await tap(el, '[data-action="check"]');
    await waitFor(() => expect(find(el, '[data-not-found]')).toBeTruthy());
  },
};

/** A comment typed on the on-screen keyboard (pinyin in Chinese), or put together from quick phrases. */
export const CommentOnKeyboard: Story = {
  args: { view: 'proposals' },
  play: async ({ canvasElement }) => {
    const el = boardOf(canvasElement);
    await tap(el, '[data-id="prop-barrier"] [data-action="comments"]');
    await tap(el, '[data-action="write"]');
    await verify(el, '0002');
    await tap(el, '[data-action="phrase"]');
    await waitFor(() => expect(find(el, '.compose ck-keyboard')?.shadowRoot?.querySelector('[part~="key"]')).toBeTruthy(), { timeout: 10_000 });
  },
};

/** Follow-up: receipts, official answers, progress with an overdue item, a QR code per item. */
export const Supervision: Story = { args: { view: 'supervision', motionId: CLOSED_MOTION } };

/** Malformed data: no figures, no eligible households, a motion without choices. */
export const MalformedData: Story = { args: { view: 'vote', source: fake({}, brokenBoard()) } };

/** Elder mode (长辈版): larger type and touch targets. */
export const ElderMode: Story = { args: { view: 'vote', motionId: CLOSED_MOTION, theme: 'elder' } };

/** In English. */
export const English: Story = { args: { view: 'vote', motionId: CLOSED_MOTION }, globals: { locale: 'en' } };

/** High contrast. */
export const HighContrast: Story = { args: { view: 'vote', motionId: CLOSED_MOTION, theme: 'high-contrast' } };

