// The ui package's generated wrappers, rendered by react-dom 19 in Chromium: props reach the element and
// the visitor's taps reach the React callbacks.
import { expect } from '@open-wc/testing';
import React from 'react';
import { CkButton, CkChart, CkDialog, CkKeyboard, CkKeypad, CkQrCode, CkStatusBanner } from '../src/generated/ui.js';
import type { CkKeyboard as KeyboardElement } from '@civic-kiosk/ui/keyboard.js';
import type { KioskButton, KioskChart, KioskDialog, KioskKeypad, KioskQrCode, KioskStatusBanner } from '@civic-kiosk/ui';
import { cleanup, mount, until } from './mount.js';

const h = React.createElement;

afterEach(cleanup);

const buttonWithText = (el: Element, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === label);
  if (!found) throw new Error(`no button "${label}" in <${el.localName}>`);
  return found;
};

describe('ui wrappers', () => {
  it('CkButton: variant, size and label from React; a tap reaches onClick; children are the slotted text', async () => {
    const ref = React.createRef<KioskButton>();
    let taps = 0;
    const app = mount(h(CkButton, { ref, variant: 'primary', size: 'large', onClick: () => (taps += 1) }, 'Borrow'));
    const el = ref.current!;
    expect([el.variant, el.size, el.textContent]).to.deep.equal(['primary', 'large', 'Borrow']);
    await el.updateComplete;
    el.shadowRoot!.querySelector('button')!.click();
    expect(taps).to.equal(1);
    app.render(h(CkButton, { ref, variant: 'secondary', size: 'large', disabled: true }, 'Borrow'));
    expect([el.variant, el.disabled]).to.deep.equal(['secondary', true]);
    await expect(el).to.be.accessible();
  });

  it('CkStatusBanner: state and reason from React; "Try again" reaches onCkRetry', async () => {
    const ref = React.createRef<KioskStatusBanner>();
    const retries: Event[] = [];
    mount(h(CkStatusBanner, { ref, state: 'error', reason: 'The server did not answer.', retryable: true, onCkRetry: (e) => retries.push(e) }));
    const el = ref.current!;
    await el.updateComplete;
    expect([el.state, el.reason, el.retryable]).to.deep.equal(['error', 'The server did not answer.', true]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    expect(retries.map((e) => e.type)).to.deep.equal(['ck-retry']);
    await expect(el).to.be.accessible();
  });

  it('CkKeypad: masked and maxlength from React; keys reach onCkKeypadInput, OK reaches onCkKeypadSubmit', async () => {
    const ref = React.createRef<KioskKeypad>();
    const lengths: string[] = [];
    mount(
      h(CkKeypad, {
        ref,
        masked: true,
        maxlength: 4,
        minlength: 4,
        label: 'PIN',
        onCkKeypadInput: (e) => lengths.push(`input ${e.detail.length}`),
        onCkKeypadSubmit: (e) => lengths.push(`submit ${e.detail.length}`),
      }),
    );
    const el = ref.current!;
    await el.updateComplete;
    expect([el.masked, el.maxlength, el.label]).to.deep.equal([true, 4, 'PIN']);
    for (const digit of '12345') buttonWithText(el, digit).click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect(lengths).to.deep.equal(['input 1', 'input 2', 'input 3', 'input 4', 'submit 4']);
  });

  it('CkDialog: open and heading from React; the close button reaches onCkDialogClose', async () => {
    const ref = React.createRef<KioskDialog>();
    const reasons: string[] = [];
    mount(h(CkDialog, { ref, open: true, heading: 'Help', onCkDialogClose: (e) => reasons.push(e.detail.reason) }, h('p', null, 'Ask at the desk.')));
    const el = ref.current!;
    await el.updateComplete;
    expect([el.open, el.heading]).to.deep.equal([true, 'Help']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    await until(() => reasons.length > 0, 'ck-dialog-close');
    expect(reasons).to.deep.equal(['button']);
  });

  it('CkKeyboard: layout and placeholder from React; a key reaches onCkKeyboardInput, Enter onCkKeyboardEnter', async () => {
    const ref = React.createRef<KeyboardElement>();
    const values: string[] = [];
    mount(
      h(CkKeyboard, {
        ref,
        layout: 'en',
        placeholder: 'Title',
        enterLabel: 'Search',
        onCkKeyboardInput: (e) => values.push(`input ${e.detail.value}`),
        onCkKeyboardEnter: (e) => values.push(`enter ${e.detail.value}`),
      }),
    );
    const el = ref.current!;
    await el.updateComplete;
    expect([el.layout, el.placeholder, el.enterLabel]).to.deep.equal(['en', 'Title', 'Search']);
    buttonWithText(el, 'a').click();
    await el.updateComplete;
    buttonWithText(el, 'Search').click();
    expect(values).to.deep.equal(['input a', 'enter a']);
  });

  it('CkChart and CkQrCode: data props from React reach the elements, and a re-render replaces them', async () => {
    const chart = React.createRef<KioskChart>();
    const qr = React.createRef<KioskQrCode>();
    const series = [{ label: 'Systolic', data: [120, 130] }];
    const view = (url: string) => [
      h(CkChart, { key: 'c', ref: chart, type: 'line', labels: ['Mon', 'Tue'], series, unit: 'mmHg', label: 'Blood pressure' }),
      h(CkQrCode, { key: 'q', ref: qr, value: url, label: 'Route', size: 160, errorCorrection: 'M' }),
    ];
    const app = mount(view('https://example.cn/a'));
    expect([chart.current!.type, chart.current!.labels, chart.current!.series, chart.current!.unit]).to.deep.equal(['line', ['Mon', 'Tue'], series, 'mmHg']);
    expect([qr.current!.value, qr.current!.size, qr.current!.errorCorrection]).to.deep.equal(['https://example.cn/a', 160, 'M']);
    app.render(view('https://example.cn/b'));
    expect(qr.current!.value).to.equal('https://example.cn/b');
    await until(() => qr.current!.shadowRoot!.querySelector('svg[part="code"]'), 'the QR code of the new value', 10_000);
  });
});
