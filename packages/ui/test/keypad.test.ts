import { IDLE_EVENT, setLocale } from '@civic-kiosk/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import { KEYPAD_INPUT_EVENT, KEYPAD_SUBMIT_EVENT, type KioskKeypad } from '../src/keypad.js';
import { all, deepActive, part, text } from './helpers.js';

/** The button whose visible text is `label` ("1", "删除", "X", ...). */
function key(el: KioskKeypad, label: string): HTMLButtonElement {
  const found = all<HTMLButtonElement>(el, 'button').find((button) => text(button) === label);
  if (!found) throw new Error(`no key "${label}"`);
  return found;
}

function tap(el: KioskKeypad, ...labels: string[]): Promise<boolean> {
  for (const label of labels) key(el, label).click();
  return el.updateComplete;
}

const ok = (el: KioskKeypad) => part<HTMLButtonElement>(el, 'submit');

async function typeOn(el: KioskKeypad, keys: string): Promise<void> {
  part(el, 'display').focus();
  await sendKeys({ type: keys });
  await el.updateComplete;
}

describe('ck-keypad', () => {
  afterEach(() => setLocale('zh-CN'));

  it('enters digits tapped on its keys and reports each change', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    const seen: string[] = [];
    el.addEventListener(KEYPAD_INPUT_EVENT, (event) => seen.push(`${event.detail.length}:${(event.target as KioskKeypad).value}`));
    await tap(el, '1', '2', '3');
    expect(el.value).to.equal('123');
    // The digits are read from the keypad, never carried by the event.
    expect(seen).to.deep.equal(['1:1', '2:12', '3:123']);
    expect(text(part(el, 'display'))).to.equal('123');
    await expect(el).to.be.accessible();
  });

  it('has a 3 x 4 grid of large keys and no input that would open a system keyboard', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    const keys = all<HTMLButtonElement>(el, '[part="keys"] button');
    expect(keys.map(text)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '清除', '0', '删除']);
    for (const button of keys) expect(button.getBoundingClientRect().height).to.be.at.least(48);
    expect(el.shadowRoot!.querySelectorAll('input, textarea, [contenteditable]')).to.have.length(0);
  });

  it('deletes the last digit and clears everything', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    await tap(el, '4', '5', '6', '删除');
    expect(el.value).to.equal('45');
    await tap(el, '清除');
    expect(el.value).to.equal('');
    let events = 0;
    el.addEventListener(KEYPAD_INPUT_EVENT, () => events++);
    await tap(el, '删除', '清除');
    expect(events, 'nothing to delete or clear').to.equal(0);
  });

  it('takes digits, Backspace, Escape and Enter from a physical keyboard', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad minlength="2"></ck-keypad>`);
    await typeOn(el, '2468');
    expect(el.value).to.equal('2468');
    await sendKeys({ press: 'Backspace' });
    expect(el.value).to.equal('246');
    const submitted = oneEvent(el, KEYPAD_SUBMIT_EVENT);
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail).to.deep.equal({ length: 3 });
    await sendKeys({ press: 'Escape' });
    expect(el.value).to.equal('');
  });

  it('ignores non-digits from the keyboard and from code', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    await typeOn(el, 'a1-b2 ');
    expect(el.value).to.equal('12');
    const shortcut = new KeyboardEvent('keydown', { key: '3', ctrlKey: true, bubbles: true, composed: true, cancelable: true });
    part(el, 'display').dispatchEvent(shortcut);
    expect(shortcut.defaultPrevented, 'browser shortcuts are left alone').to.equal(false);
    expect(el.value).to.equal('12');
    el.value = '12ab3';
    await el.updateComplete;
    expect(el.value).to.equal('123');
  });

  it('ignores input past maxlength', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad maxlength="4"></ck-keypad>`);
    await tap(el, '1', '2', '3', '4', '5', '6');
    expect(el.value).to.equal('1234');
    await typeOn(el, '9');
    expect(el.value).to.equal('1234');
    el.maxlength = 2;
    await el.updateComplete;
    expect(el.value).to.equal('12');
  });

  it('masks a PIN: dots on screen, only the count for screen readers, never the digits', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad masked maxlength="6"></ck-keypad>`);
    expect(text(part(el, 'display'))).to.equal('尚未输入');
    await tap(el, '3', '1', '4');
    const display = part(el, 'display');
    expect(display.querySelector('[aria-hidden="true"]')!.textContent).to.equal('●●●');
    expect(text(display.querySelector('.visually-hidden'))).to.equal('已输入 3 位');
    expect(el.shadowRoot!.textContent).not.to.match(/[134]{3}/);
    expect(text(part(el, 'label'))).to.equal('请输入密码');
    await expect(el).to.be.accessible();
    await setLocale('en');
    await el.updateComplete;
    expect(text(display.querySelector('.visually-hidden'))).to.equal('3 digits entered');
  });

  it('enables OK only once minlength is reached', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad minlength="4" maxlength="6"></ck-keypad>`);
    expect(text(part(el, 'hint'))).to.equal('至少 4 位');
    let submits = 0;
    el.addEventListener(KEYPAD_SUBMIT_EVENT, () => submits++);
    await tap(el, '1', '2', '3');
    expect(ok(el).getAttribute('aria-disabled')).to.equal('true');
    ok(el).click();
    await typeOn(el, '\n');
    expect(submits).to.equal(0);
    await tap(el, '4');
    expect(ok(el).getAttribute('aria-disabled')).to.equal('false');
    const submitted = oneEvent(el, KEYPAD_SUBMIT_EVENT);
    ok(el).click();
    expect([(await submitted).detail.length, el.value]).to.deep.equal([4, '1234']);
    expect(text(ok(el))).to.equal('确定');
  });

  it('says how many digits are needed when that is fixed', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad minlength="6" maxlength="6"></ck-keypad>`);
    expect(text(part(el, 'hint'))).to.equal('共 6 位');
    const plain = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    expect(plain.shadowRoot!.querySelector('[part="hint"]')).to.equal(null);
  });

  it('accepts X only as the final character of a resident ID', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad allow-x maxlength="18" minlength="18" label="身份证号码"></ck-keypad>`);
    const x = key(el, 'X');
    expect(x.getAttribute('aria-disabled')).to.equal('true');
    await tap(el, 'X');
    expect(el.value).to.equal('');
    await typeOn(el, '11010519491231002');
    expect(x.getAttribute('aria-disabled')).to.equal('false');
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(el.value).to.equal('11010519491231002X');
    await tap(el, '5', 'X');
    expect(el.value).to.equal('11010519491231002X');
    expect(ok(el).getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('has no X key unless allow-x is set', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad maxlength="18"></ck-keypad>`);
    expect(() => key(el, 'X')).to.throw();
    await typeOn(el, '12345678901234567X');
    expect(el.value).to.equal('12345678901234567');
  });

  it('presses the focused key on Enter instead of submitting', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    let submits = 0;
    el.addEventListener(KEYPAD_SUBMIT_EVENT, () => submits++);
    key(el, '1').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.equal('1');
    expect(submits).to.equal(0);
  });

  it('moves through the keys with the arrow keys, one tab stop for the grid', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    const tabbable = () => all<HTMLButtonElement>(el, '[part="keys"] button').filter((b) => b.tabIndex === 0).map(text);
    expect(tabbable()).to.deep.equal(['1']);
    key(el, '1').focus();
    for (const press of ['ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'End', 'Home', 'ArrowLeft']) {
      await sendKeys({ press });
      await el.updateComplete;
    }
    expect(text(deepActive())).to.equal('1');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await el.updateComplete;
    expect(text(deepActive())).to.equal('4');
    expect(tabbable()).to.deep.equal(['4']);
    await sendKeys({ press: 'Tab' });
    expect(text(deepActive())).to.equal('确定');
  });

  it('wipes the value when the kiosk goes idle', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad masked></ck-keypad>`);
    await tap(el, '9', '8', '7', '6');
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(part(el, 'display').querySelector('[aria-hidden="true"]')!.textContent).to.equal('');
  });

  it('wipes the value when removed from the page, and on clear()', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    await tap(el, '5', '5');
    el.remove();
    expect(el.value).to.equal('');
    el.value = '77';
    el.clear();
    expect(el.value).to.equal('');
  });

  it('lets Escape through to an enclosing dialog when there is nothing to clear', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    part(el, 'display').focus();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
    part(el, 'display').dispatchEvent(escape);
    expect(escape.defaultPrevented).to.equal(false);
  });

  it('speaks English after a locale switch', async () => {
    const el = await fixture<KioskKeypad>(html`<ck-keypad></ck-keypad>`);
    await setLocale('en');
    await el.updateComplete;
    expect(text(ok(el))).to.equal('OK');
    expect(text(key(el, 'Delete'))).to.equal('Delete');
    expect(text(part(el, 'label'))).to.equal('Enter the number');
  });
});
