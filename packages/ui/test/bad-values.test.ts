// Every attribute and every property of every element in this package, given a
// bad value: one console warning naming the element and the attribute, the
// default instead, no exception, and the element still renders.
import { expect, fixture, html } from '@open-wc/testing';
import { warningsOf } from '@civic-kiosk/core/testing';
import '../src/define.js';

interface Case {
  tag: keyof HTMLElementTagNameMap;
  /** The attribute name in the warning. */
  attribute: string;
  property: string;
  /** A bad attribute value, when the attribute can hold one (any text is a good `label`). */
  badAttribute?: string;
  badProperty: unknown;
  fallback: unknown;
}

const cases: Case[] = [
  { tag: 'ck-button', attribute: 'variant', property: 'variant', badAttribute: 'huge', badProperty: 42, fallback: 'primary' },
  { tag: 'ck-button', attribute: 'size', property: 'size', badAttribute: 'xl', badProperty: 'tiny', fallback: 'normal' },
  { tag: 'ck-button', attribute: 'disabled', property: 'disabled', badProperty: 'yes', fallback: false },
  { tag: 'ck-button', attribute: 'label', property: 'label', badProperty: 42, fallback: undefined },
  { tag: 'ck-button', attribute: 'theme', property: 'theme', badAttribute: 'purple', badProperty: 7, fallback: undefined },
  { tag: 'ck-dialog', attribute: 'open', property: 'open', badProperty: 'yes', fallback: false },
  { tag: 'ck-dialog', attribute: 'heading', property: 'heading', badProperty: { text: 'x' }, fallback: '' },
  { tag: 'ck-dialog', attribute: 'close-on-idle', property: 'closeOnIdle', badProperty: 'no', fallback: true },
  { tag: 'ck-dialog', attribute: 'theme', property: 'theme', badAttribute: 'dark', badProperty: ['elder'], fallback: undefined },
  { tag: 'ck-keypad', attribute: 'maxlength', property: 'maxlength', badAttribute: '-3', badProperty: 2.5, fallback: 32 },
  { tag: 'ck-keypad', attribute: 'minlength', property: 'minlength', badAttribute: 'six', badProperty: -1, fallback: 1 },
  { tag: 'ck-keypad', attribute: 'masked', property: 'masked', badProperty: 'true', fallback: false },
  { tag: 'ck-keypad', attribute: 'allow-x', property: 'allowX', badProperty: 1, fallback: false },
  { tag: 'ck-keypad', attribute: 'label', property: 'label', badProperty: 12, fallback: '' },
  { tag: 'ck-keypad', attribute: 'value', property: 'value', badProperty: { pin: '2468' }, fallback: '' },
  { tag: 'ck-keypad', attribute: 'theme', property: 'theme', badAttribute: 'big', badProperty: false, fallback: undefined },
  { tag: 'ck-qr-code', attribute: 'value', property: 'value', badProperty: 42, fallback: '' },
  { tag: 'ck-qr-code', attribute: 'label', property: 'label', badProperty: null, fallback: '' },
  { tag: 'ck-qr-code', attribute: 'size', property: 'size', badAttribute: '-5', badProperty: Infinity, fallback: 240 },
  { tag: 'ck-qr-code', attribute: 'error-correction', property: 'errorCorrection', badAttribute: 'Z', badProperty: 'X', fallback: 'M' },
  { tag: 'ck-qr-code', attribute: 'theme', property: 'theme', badAttribute: 'neon', badProperty: 1, fallback: undefined },
  { tag: 'ck-chart', attribute: 'type', property: 'type', badAttribute: 'pie', badProperty: 'donut', fallback: 'line' },
  { tag: 'ck-chart', attribute: 'labels', property: 'labels', badAttribute: 'not json', badProperty: 'a,b', fallback: [] },
  { tag: 'ck-chart', attribute: 'series', property: 'series', badAttribute: '[1,2]', badProperty: { data: [1] }, fallback: [] },
  { tag: 'ck-chart', attribute: 'bands', property: 'bands', badAttribute: '[{"from":"low"}]', badProperty: [{ from: 1 }], fallback: [] },
  { tag: 'ck-chart', attribute: 'unit', property: 'unit', badProperty: 5, fallback: '' },
  { tag: 'ck-chart', attribute: 'label', property: 'label', badProperty: 5, fallback: '' },
  { tag: 'ck-chart', attribute: 'category-label', property: 'categoryLabel', badProperty: 5, fallback: '' },
  { tag: 'ck-chart', attribute: 'theme', property: 'theme', badAttribute: 'x', badProperty: 2, fallback: undefined },
  { tag: 'ck-status-banner', attribute: 'state', property: 'state', badAttribute: 'broken', badProperty: 'exploded', fallback: 'info' },
  { tag: 'ck-status-banner', attribute: 'reason', property: 'reason', badProperty: 404, fallback: '' },
  { tag: 'ck-status-banner', attribute: 'retryable', property: 'retryable', badProperty: 'yes', fallback: false },
  { tag: 'ck-status-banner', attribute: 'theme', property: 'theme', badAttribute: 'loud', badProperty: 3, fallback: undefined },
];

/** Puts `el` on the page and waits for its first render. */
async function place(el: HTMLElement): Promise<void> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
}

const read = (el: Element, property: string) => (el as unknown as Record<string, unknown>)[property];

describe('bad attribute and property values', () => {
  for (const c of cases) {
    if (c.badAttribute !== undefined) {
      it(`<${c.tag} ${c.attribute}="${c.badAttribute}">: one warning, the default`, async () => {
        const el = document.createElement(c.tag);
        const warnings = await warningsOf(async () => {
          el.setAttribute(c.attribute, c.badAttribute!);
          await place(el);
        });
        expect(read(el, c.property)).to.deep.equal(c.fallback);
        expect(warnings.filter((w) => w.includes(`<${c.tag}> ${c.attribute}=`)), warnings.join('\n')).to.have.length(1);
        expect(el.shadowRoot!.childElementCount).to.be.greaterThan(0);
      });
    }
    it(`${c.tag}.${c.property} = ${JSON.stringify(c.badProperty) ?? String(c.badProperty)}: one warning, the default`, async () => {
      const el = document.createElement(c.tag);
      await place(el);
      const warnings = await warningsOf(async () => {
        (el as unknown as Record<string, unknown>)[c.property] = c.badProperty;
        await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      });
      expect(read(el, c.property)).to.deep.equal(c.fallback);
      expect(warnings.filter((w) => w.includes(`<${c.tag}> ${c.attribute}=`)), warnings.join('\n')).to.have.length(1);
      expect(el.shadowRoot!.childElementCount).to.be.greaterThan(0);
      // A keypad value is personal: never written into a warning.
      if (c.tag === 'ck-keypad' && c.property === 'value') expect(warnings[0]).to.contain('(hidden)').and.not.contain('2468');
    });
  }
});
