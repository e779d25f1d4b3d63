// Runs in headless Chromium (bench/browser.mjs): signs in on <ck-library-checkout> over the in-memory
// library, then scans items like a USB scanner and times, for each scan, from the scan's Enter key to
// (a) its row on screen ("checking…") and (b) the item shown with its title and due date.
import '../src/define.js';
import { DemoLibrary } from '../src/demo.js';

const library = new DemoLibrary({ delayMs: Number(new URLSearchParams(location.search).get('delay') ?? 0) });
// More loanable items and a patron who can borrow them all.
for (let n = 1; n <= 200; n++) {
  const barcode = `BX${String(n).padStart(6, '0')}`;
  library.items.set(barcode, { barcode, isbn: '9787020002207', title: { 'zh-CN': `测试书 ${n}`, en: `Bench book ${n}` }, author: '作者', callNumber: `I9/${n}`, loanable: true, initials: 'csx' });
}
library.patrons[0]!.maxLoans = 1000;

const el = document.createElement('ck-library-checkout');
el.source = library;
document.body.append(el);

function scan(code: string): number {
  const start = performance.now();
  let enter = 0;
  [...code, 'Enter'].forEach((key, i) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: start + i * 4 });
    if (key === 'Enter') enter = performance.now();
    document.body.dispatchEvent(event);
  });
  return enter;
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const rowOf = (barcode: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="row"][data-barcode="${barcode}"]`);

async function waitFor(check: () => boolean): Promise<number> {
  while (!check()) await new Promise((r) => setTimeout(r, 0));
  return performance.now();
}

async function run() {
  await el.taskComplete;
  scan('LIB00001');
  await waitFor(() => el.screen === 'pin');
  await el.updateComplete;
  const pad = el.shadowRoot!.querySelector<HTMLElement & { value: string; updateComplete: Promise<unknown> }>('ck-keypad')!;
  pad.value = '123456';
  await pad.updateComplete;
  pad.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await waitFor(() => el.screen === 'borrow');
  const shown: number[] = [];
  const done: number[] = [];
  const runs = Number(new URLSearchParams(location.search).get('n') ?? 50);
  for (let n = 1; n <= runs; n++) {
    const barcode = `BX${String(n).padStart(6, '0')}`;
    const t0 = scan(barcode);
    shown.push((await waitFor(() => !!rowOf(barcode))) - t0);
    done.push((await waitFor(() => rowOf(barcode)?.dataset['state'] === 'done' && !!rowOf(barcode)!.querySelector('.due'))) - t0);
    await frame();
  }
  (window as unknown as { benchResult: unknown }).benchResult = { shown, done, rows: el.shadowRoot!.querySelectorAll('[part~="row"]').length };
}
void run();
