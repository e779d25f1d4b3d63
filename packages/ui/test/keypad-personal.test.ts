// The keypad's digits are personal data; a USB scanner's keys never reach it.
import { BarcodeScannerController, IDLE_EVENT, IdleController } from '@civic-kiosk/core';
import { personalTraces, storedPersonalTraces } from '@civic-kiosk/core/testing';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import '../src/define.js';
import type { KioskDialog } from '../src/dialog.js';
import type { KioskKeypad } from '../src/keypad.js';
import { part } from './helpers.js';

const PIN = '802317';

async function withPin(): Promise<KioskKeypad> {
  const el = await fixture<KioskKeypad>(html`<ck-keypad masked minlength="6" maxlength="6"></ck-keypad>`);
  part(el, 'display').focus();
  await sendKeys({ type: PIN });
  await el.updateComplete;
  expect(el.value).to.equal(PIN);
  return el;
}

async function gone(el: Element): Promise<void> {
  expect(personalTraces(el, PIN)).to.deep.equal([]);
  expect(personalTraces(el, PIN.slice(0, 3))).to.deep.equal([]);
  expect(await storedPersonalTraces(PIN)).to.deep.equal([]);
}

describe('ck-keypad holds its digits as personal data', () => {
  it('keeps no digit anywhere after the kiosk goes idle, even with the keypad in an open dialog', async () => {
    const dialog = await fixture<KioskDialog>(html`<ck-dialog heading="输入密码" close-on-idle="false"><ck-keypad masked></ck-keypad></ck-dialog>`);
    dialog.show();
    await dialog.updateComplete;
    const el = dialog.querySelector('ck-keypad')!;
    part(el, 'display').focus();
    await sendKeys({ type: PIN });
    await el.updateComplete;
    expect(personalTraces(el, PIN)).to.deep.equal(['property value']);
    class IdleHost extends LitElement {
      idle = new IdleController(this, { timeoutMs: 300, warningMs: 100 });
    }
    customElements.define('ck-keypad-idle-host', IdleHost);
    const idle = oneEvent(window, IDLE_EVENT);
    dialog.after(document.createElement('ck-keypad-idle-host'));
    await idle;
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    await gone(el);
  });

  it('keeps no digit after leaving the page or a page hide', async () => {
    let el = await withPin();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await el.updateComplete;
    await gone(el);
    el = await withPin();
    el.remove();
    await el.updateComplete;
    await gone(el);
  });
});

class ScanningPage extends LitElement {
  codes: string[] = [];
  scanner = new BarcodeScannerController(this, { onScan: (code) => this.codes.push(code) });
}
customElements.define('ck-scanning-page', ScanningPage);

/** A keydown at a chosen time (as `event.timeStamp`). */
function keyAt(key: string, time: number): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'timeStamp', { value: time });
  return event;
}

describe('ck-keypad with a barcode scanner on the page', () => {
  async function setUp() {
    const page = await fixture<ScanningPage>(html`<ck-scanning-page></ck-scanning-page>`);
    const el = document.createElement('ck-keypad');
    page.after(el);
    await el.updateComplete;
    const inputs: number[] = [];
    el.addEventListener('ck-keypad-input', (event) => inputs.push(event.detail.length));
    const display = part(el, 'display');
    display.focus();
    return { page, el, display, inputs };
  }

  for (const gap of [5, 12, 20, 30]) {
    it(`gets none of the keys of a scan at ${gap} ms a key`, async () => {
      const { page, el, display, inputs } = await setUp();
      const start = performance.now();
      const code = '6901234567892';
      [...code, 'Enter'].forEach((key, i) => display.dispatchEvent(keyAt(key, start + i * gap)));
      await aTimeout(120);
      await el.updateComplete;
      expect(page.codes).to.deep.equal([code]);
      expect([el.value, inputs.length]).to.deep.equal(['', 0]);
    });
  }

  for (const gap of [120, 200]) {
    it(`takes a person typing at ${gap} ms a key, every digit, and is never taken for a scanner`, async () => {
      const { page, el, display, inputs } = await setUp();
      const start = performance.now();
      [...'1234'].forEach((key, i) => display.dispatchEvent(keyAt(key, start + i * gap)));
      await aTimeout(150);
      await el.updateComplete;
      expect(page.codes).to.deep.equal([]);
      expect(el.value).to.equal('1234');
      expect(inputs).to.deep.equal([1, 2, 3, 4]);
    });
  }

  it('takes real key presses 150 ms apart from a physical keypad', async () => {
    const { page, el } = await setUp();
    for (const key of '4321') {
      await sendKeys({ press: key });
      await aTimeout(150);
    }
    await el.updateComplete;
    expect([el.value, page.codes]).to.deep.equal(['4321', []]);
    await expect(el).to.be.accessible();
  });
});
