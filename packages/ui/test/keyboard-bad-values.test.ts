// Every attribute and property of <ck-keyboard> given a bad value: one console
// warning naming the element and the attribute, the default instead, no
// exception, and the keyboard still renders (as test/bad-values.test.ts does
// for the elements of define.js).
import { warningsOf } from '@civic-kiosk/core/testing';
import { expect, fixture, html } from '@open-wc/testing';
import type { CkKeyboard } from '../src/keyboard.js';
import '../src/keyboard.js';

interface Case {
  attribute: string;
  property: string;
  badAttribute?: string;
  badProperty: unknown;
  /** What the property reads afterwards (the layout falls back to the locale's: pinyin in zh-CN). */
  fallback: unknown;
}

const cases: Case[] = [
  { attribute: 'layout', property: 'layout', badAttribute: 'dvorak', badProperty: 'klingon', fallback: 'pinyin' },
  { attribute: 'maxlength', property: 'maxlength', badAttribute: '-3', badProperty: 2.5, fallback: undefined },
  { attribute: 'enter-label', property: 'enterLabel', badProperty: 5, fallback: '' },
  { attribute: 'placeholder', property: 'placeholder', badProperty: { text: '书名' }, fallback: '' },
  { attribute: 'value', property: 'value', badProperty: ['红楼梦'], fallback: '' },
  { attribute: 'theme', property: 'theme', badAttribute: 'purple', badProperty: 9, fallback: undefined },
];

const read = (el: Element, property: string) => (el as unknown as Record<string, unknown>)[property];

async function place(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await el.updateComplete;
}

describe('ck-keyboard: bad attribute and property values', () => {
  for (const c of cases) {
    if (c.badAttribute !== undefined) {
      it(`<ck-keyboard ${c.attribute}="${c.badAttribute}">: one warning, the default`, async () => {
        const el = document.createElement('ck-keyboard');
        const warnings = await warningsOf(async () => {
          el.setAttribute(c.attribute, c.badAttribute!);
          await place(el);
        });
        expect(read(el, c.property)).to.deep.equal(c.fallback);
        expect(warnings.filter((w) => w.includes(`<ck-keyboard> ${c.attribute}=`)), warnings.join('\n')).to.have.length(1);
        expect(el.shadowRoot!.querySelectorAll('button').length).to.be.greaterThan(30);
      });
    }
    it(`ck-keyboard.${c.property} = ${JSON.stringify(c.badProperty)}: one warning, the default`, async () => {
      const el = document.createElement('ck-keyboard');
      await place(el);
      const warnings = await warningsOf(async () => {
        (el as unknown as Record<string, unknown>)[c.property] = c.badProperty;
        await el.updateComplete;
      });
      expect(read(el, c.property)).to.deep.equal(c.fallback);
      expect(warnings.filter((w) => w.includes(`<ck-keyboard> ${c.attribute}=`)), warnings.join('\n')).to.have.length(1);
      expect(el.shadowRoot!.querySelectorAll('button').length).to.be.greaterThan(30);
    });
  }

  it('takes a number as value, and an absent one as empty, without a warning', async () => {
    const el = document.createElement('ck-keyboard');
    await place(el);
    const warnings = await warningsOf(async () => {
      (el as unknown as { value: unknown }).value = 978;
      await el.updateComplete;
      expect(el.value).to.equal('978');
      (el as unknown as { value: unknown }).value = null;
      await el.updateComplete;
      expect(el.value).to.equal('');
    });
    expect(warnings).to.deep.equal([]);
  });

  it('cuts a value set by code to maxlength', async () => {
    const el = await fixture<CkKeyboard>(html`<ck-keyboard maxlength="4" value="9787020002207"></ck-keyboard>`);
    expect(el.value).to.equal('9787');
    el.maxlength = 2;
    await el.updateComplete;
    expect(el.value).to.equal('97');
  });
});
