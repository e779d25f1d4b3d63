// The page of the headless-Chromium benchmark (bundled by bench/browser.mjs). `?run=render`: from the board
// connected to its 200 proposal cards rendered (2,000 comments counted on them), then opening a proposal with
// all 2,000 comments. `?run=vote`: the vote flow up to the confirm screen, then `benchConfirm()` times the tap
// on "confirm" to the receipt shown (the browser side throttles the CPU first).
import '../src/define.js';
import { demoResidents, largeBoard } from '../src/demo.js';
import { InMemoryDeliberationSource } from '../src/memory-source.js';
import type { ParkingBoard } from '../src/parking-board.js';

declare global {
  interface Window {
    benchResult?: Record<string, number | string[]>;
    benchReady?: boolean;
    benchConfirm?: () => Promise<number>;
  }
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.sourceFile}:${event.lineNumber}`));

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const until = async (check: () => unknown) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
};
const $ = (el: ParkingBoard, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

async function pad(el: ParkingBoard, value: string) {
  await until(() => $(el, 'ck-keypad'));
  const keypad = $(el, 'ck-keypad') as HTMLElement & { value: string; updateComplete: Promise<unknown> };
  keypad.value = value;
  await keypad.updateComplete;
  keypad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await frame();
}

const run = new URLSearchParams(location.search).get('run') ?? 'render';
const el = document.createElement('ck-parking-board');
el.cardPrefix = 'XK';
if (run === 'render') {
  el.source = new InMemoryDeliberationSource(largeBoard(200, 2000), { residents: demoResidents() });
  el.view = 'proposals';
  const start = performance.now();
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelectorAll('.card').length === 200);
  const firstRender = performance.now() - start;
  el.remove();
  const big = document.createElement('ck-parking-board');
  big.source = new InMemoryDeliberationSource(largeBoard(200, 2000, true), { residents: demoResidents() });
  big.view = 'proposals';
  document.body.append(big);
  await until(() => big.shadowRoot?.querySelectorAll('.card').length === 200);
  const open = performance.now();
  $(big, '[data-id="prop-0"] [data-action="comments"]')!.click();
  await until(() => big.shadowRoot?.querySelectorAll('.comment').length === 2000);
  window.benchResult = { firstRender, openComments: performance.now() - open, violations };
} else {
  el.source = new InMemoryDeliberationSource(largeBoard(200, 2000), { residents: demoResidents() });
  el.view = 'vote';
  document.body.append(el);
  await until(() => $(el, '[data-action="vote"]'));
  $(el, '[data-action="vote"]')!.click();
  await pad(el, '0001');
  await pad(el, '123456');
  await until(() => $(el, '[data-choice="agree"]'));
  $(el, '[data-choice="agree"]')!.click();
  await until(() => $(el, '[data-action="confirm"]'));
  await frame();
  window.benchConfirm = async () => {
    const start = performance.now();
    $(el, '[data-action="confirm"]')!.click();
    await until(() => $(el, '[part="receipt-code"]'));
    // Shown means painted: wait for the next frame.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  };
  window.benchReady = true;
}
