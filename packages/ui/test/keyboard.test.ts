import { IDLE_EVENT, setLocale } from '@civic-kiosk/core';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CkKeyboard, KEYBOARD_ENTER_EVENT, KEYBOARD_INPUT_EVENT } from '../src/keyboard.js';
import { all, deepActive, part, text } from './helpers.js';

/** The key whose accessible text is `label` ("n", "空格", "English", ...). */
function key(el: CkKeyboard, label: string): HTMLButtonElement {
  const found = all<HTMLButtonElement>(el, '[part~="keys"] button').find((button) => text(button) === label);
  if (!found) throw new Error(`no key "${label}" in ${all(el, '[part~="keys"] button').map(text).join(' ')}`);
  return found;
}

async function tap(el: CkKeyboard, ...labels: string[]): Promise<void> {
  for (const label of labels) {
    key(el, label).click();
    await el.updateComplete;
  }
}

/** Taps one key per letter of `letters`. */
const type = (el: CkKeyboard, letters: string) => tap(el, ...letters);

const candidates = (el: CkKeyboard) => all(el, '[part~="candidate"]').map(text);

/** Waits for the dictionary and the candidates drawn from it. */
async function settled(el: CkKeyboard): Promise<void> {
  await el.dictionaryComplete;
  await el.updateComplete;
}

function inputs(el: CkKeyboard): string[] {
  const seen: string[] = [];
  el.addEventListener(KEYBOARD_INPUT_EVENT, (event) => seen.push(event.detail.value));
  return seen;
}

describe('ck-keyboard', () => {
  afterEach(() => setLocale('zh-CN'));

  // First in this file: the page has not loaded the dictionary yet.
  it('downloads the dictionary only at the first pinyin letter', async () => {
    const requested = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('pinyin-dictionary'));
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await tap(el, 'English');
    await type(el, 'abc');
    await tap(el, '中文', '123', '1');
    await el.dictionaryComplete;
    expect(requested(), 'not for English, digits or an empty pinyin layout').to.equal(false);
    await tap(el, '拼音');
    await type(el, 'a');
    expect(text(part(el, 'candidates'))).to.equal('正在加载汉字…');
    await settled(el);
    expect(requested()).to.equal(true);
    expect(candidates(el)).to.include('啊');
  });

  it('composes pinyin from letters and shows Chinese candidates', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    expect(el.layout, 'zh-CN follows with pinyin').to.equal('pinyin');
    const seen = inputs(el);
    await type(el, 'nihao');
    expect(text(part(el, 'composing'))).to.equal('nihao');
    await settled(el);
    expect(candidates(el)[0]).to.equal('你好');
    expect(candidates(el)).to.include('你');
    expect(el.value, 'nothing committed yet').to.equal('');
    expect(seen).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('commits a tapped candidate and reports the new value', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    const seen = inputs(el);
    await type(el, 'nihao');
    await settled(el);
    all<HTMLButtonElement>(el, '[part~="candidate"]').find((button) => text(button) === '你好')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('你好');
    expect(seen).to.deep.equal(['你好']);
    expect(el.shadowRoot!.querySelector('[part~="composing"]')).to.equal(null);
  });

  it('commits the first syllable and keeps composing the rest', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await type(el, 'nihao');
    await settled(el);
    all<HTMLButtonElement>(el, '[part~="candidate"]').find((button) => text(button) === '你')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('你');
    expect(text(part(el, 'composing'))).to.equal('hao');
  });

  it('commits the first candidate with space', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    const seen = inputs(el);
    await type(el, 'zhongguo');
    await settled(el);
    await tap(el, '空格');
    expect(el.value).to.equal('中国');
    expect(seen).to.deep.equal(['中国']);
  });

  it('finds words by the initials of their syllables', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await type(el, 'hlm');
    await settled(el);
    expect(candidates(el)).to.include('红楼梦');
  });

  it('deletes a pinyin letter while composing, else a committed character', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard .value=${'你'}></ck-keyboard>`);
    const seen = inputs(el);
    await type(el, 'hao');
    await tap(el, '删除');
    expect(text(part(el, 'composing'))).to.equal('ha');
    expect(el.value).to.equal('你');
    await tap(el, '删除', '删除');
    expect(el.shadowRoot!.querySelector('[part~="composing"]')).to.equal(null);
    expect(seen, 'composing letters are not the value').to.deep.equal([]);
    await tap(el, '删除');
    expect(el.value).to.equal('');
    expect(seen).to.deep.equal(['']);
  });

  it('types English letters, capitals and spaces', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard layout="en"></ck-keyboard>`);
    const seen = inputs(el);
    const shift = el.shadowRoot!.querySelector<HTMLButtonElement>('.key.shift')!;
    expect(text(shift)).to.contain('大写字母');
    shift.click();
    await el.updateComplete;
    expect(shift.getAttribute('aria-pressed')).to.equal('true');
    await type(el, 'Hi');
    expect(shift.getAttribute('aria-pressed'), 'one capital only').to.equal('false');
    await tap(el, '空格');
    expect(el.value).to.equal('Hi ');
    expect(seen).to.deep.equal(['H', 'Hi', 'Hi ']);
    expect(el.shadowRoot!.querySelector('[part~="candidates"]'), 'no candidate bar in English').to.equal(null);
  });

  it('switches between pinyin and English with the layout key', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await tap(el, 'English');
    expect(el.layout).to.equal('en');
    await type(el, 'ab');
    expect(el.value).to.equal('ab');
    await tap(el, '中文');
    expect(el.layout).to.equal('pinyin');
  });

  it('keeps the embedder\'s layout apart from the visitor\'s switch', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard layout="en"></ck-keyboard>`);
    await tap(el, '中文');
    expect(el.layout).to.equal('pinyin');
    el.setAttribute('layout', 'en');
    await el.updateComplete;
    expect(el.layout, 'a new outside value wins').to.equal('en');
    el.removeAttribute('layout');
    await el.updateComplete;
    expect(el.layout, 'no attribute: the locale decides').to.equal('pinyin');
  });

  it('types an ISBN on the digits layer: digits, hyphen and X', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await tap(el, '123');
    await tap(el, ...'7-02-00');
    await tap(el, 'X');
    expect(el.value).to.equal('7-02-00X');
    await tap(el, '拼音');
    expect(text(key(el, 'q'))).to.equal('q');
  });

  it('respects maxlength for letters, candidates and digits', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard maxlength="3"></ck-keyboard>`);
    await type(el, 'zhongguo');
    await settled(el);
    await tap(el, '空格');
    expect(el.value).to.equal('中国');
    await type(el, 'renmin');
    await settled(el);
    await tap(el, '空格');
    expect(el.value, 'only what fits of 人民').to.equal('中国人');
    await type(el, 'a');
    expect(el.shadowRoot!.querySelector('[part~="composing"]'), 'full: no composing').to.equal(null);
    await tap(el, '123', '1');
    expect(el.value).to.equal('中国人');
  });

  it('fires ck-keyboard-enter on Enter; while composing, Enter types the letters', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard enter-label="搜索"></ck-keyboard>`);
    const entered: string[] = [];
    el.addEventListener(KEYBOARD_ENTER_EVENT, (event) => entered.push(event.detail.value));
    await type(el, 'hlm');
    await tap(el, '搜索');
    expect(el.value).to.equal('hlm');
    expect(entered).to.deep.equal([]);
    await tap(el, '搜索');
    expect(entered).to.deep.equal(['hlm']);
  });

  it('fires nothing when the value is set or cleared by code', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    let events = 0;
    el.addEventListener(KEYBOARD_INPUT_EVENT, () => events++);
    el.addEventListener(KEYBOARD_ENTER_EVENT, () => events++);
    el.value = '红楼梦';
    await el.updateComplete;
    expect(text(part(el, 'text'))).to.contain('红楼梦');
    el.clear();
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(events).to.equal(0);
  });

  it('has real buttons with names, and nothing that opens the system keyboard', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard placeholder="书名、作者或拼音首字母"></ck-keyboard>`);
    expect(el.shadowRoot!.querySelectorAll('input, textarea, select, [contenteditable]')).to.have.length(0);
    const keys = all<HTMLButtonElement>(el, '[part~="keys"] button');
    expect(keys.length).to.be.greaterThan(30);
    for (const button of keys) {
      expect(button.type).to.equal('button');
      expect(text(button), 'every key has a name').not.to.equal('');
      expect(button.getBoundingClientRect().height).to.be.at.least(48);
    }
    expect(part(el, 'text').getAttribute('aria-label')).to.equal('书名、作者或拼音首字母');
    await expect(el).to.be.accessible();
  });

  it('speaks English labels in English', async () => {
    await setLocale('en');
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    expect(el.layout, 'English follows with the English layout').to.equal('en');
    expect(text(key(el, 'Space'))).to.equal('Space');
    expect(text(key(el, 'OK'))).to.equal('OK');
    await expect(el).to.be.accessible();
  });

  it('is one Tab stop whose keys are reached with the arrow keys', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard layout="en"></ck-keyboard>`);
    const tabbable = () => all<HTMLButtonElement>(el, '[part~="keys"] button').filter((button) => button.tabIndex === 0);
    expect(tabbable().map(text)).to.deep.equal(['q']);
    tabbable()[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(text(deepActive())).to.equal('s');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value, 'Enter on a key presses it').to.equal('s');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(deepActive()?.classList.contains('enter')).to.equal(true);
    expect(tabbable()).to.have.length(1);
  });

  it('types from a physical keyboard', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard layout="en"></ck-keyboard>`);
    part(el, 'text').focus();
    await sendKeys({ type: 'isbn 978' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.value).to.equal('isbn 97');
  });

  it('forgets what was typed when the kiosk goes idle', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard></ck-keyboard>`);
    await tap(el, 'English');
    await type(el, 'abc');
    window.dispatchEvent(new Event(IDLE_EVENT));
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(el.layout, 'back to the layout of the locale').to.equal('pinyin');
  });
});
