import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { demoBoard, demoResidents } from '../src/demo.js';
import { InMemoryDeliberationSource, type InMemoryOptions, type RawBoard } from '../src/memory-source.js';
import type { ParkingBoard } from '../src/parking-board.js';

export const $ = <T extends Element = HTMLElement>(el: ParkingBoard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: ParkingBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const text = (el: ParkingBoard) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

export function source(options: InMemoryOptions = {}, raw: RawBoard = demoBoard()) {
  return new InMemoryDeliberationSource(raw, { residents: demoResidents(), ...options });
}

export async function board(options: { src?: InMemoryDeliberationSource; view?: string; motion?: string; lang?: string } = {}) {
  const el = await fixture<ParkingBoard>(html`<ck-parking-board
    lang=${options.lang ?? 'en'}
    .source=${options.src ?? source()}
    view=${options.view ?? 'problem'}
    motion-id=${options.motion ?? ''}
    card-prefix="XK"
  ></ck-parking-board>`);
  await el.taskComplete;
  return el;
}

export async function settle(el: ParkingBoard) {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.taskComplete;
  }
}

export async function click(el: ParkingBoard, selector: string) {
  const target = $(el, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
  await settle(el);
}

/** Types on the keypad shown now and presses OK. */
export async function keypad(el: ParkingBoard, value: string) {
  await waitUntil(() => $(el, 'ck-keypad'), 'a keypad is shown');
  const pad = $<HTMLElement & { value: string; updateComplete: Promise<unknown> }>(el, 'ck-keypad')!;
  pad.value = value;
  await pad.updateComplete;
  pad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await settle(el);
}

/** Card digits after the XK prefix, then the PIN. */
export async function signIn(el: ParkingBoard, digits = '0001', pin = '123456') {
  await keypad(el, digits);
  await keypad(el, pin);
  await settle(el);
}
