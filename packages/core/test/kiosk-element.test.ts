import { expect, fixture, html } from '@open-wc/testing';
import { KioskElement } from '../src/kiosk-element.js';

class ThemedProbe extends KioskElement {
  override render() {
    return html`<p>站点</p><button>好</button>`;
  }
}
customElements.define('ck-themed-probe', ThemedProbe);

const style = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

describe('KioskElement', () => {
  it('takes the standard tokens with no theme CSS on the page', async () => {
    const el = await fixture<ThemedProbe>(html`<ck-themed-probe></ck-themed-probe>`);
    expect(style(el, '--ck-touch-target')).to.equal('48px');
    expect(getComputedStyle(el).fontSize).to.equal('20px');
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    await expect(el).to.be.accessible();
  });

  it('switches to the elder theme from its own attribute', async () => {
    const el = await fixture<ThemedProbe>(html`<ck-themed-probe theme="elder"></ck-themed-probe>`);
    expect(style(el, '--ck-touch-target')).to.equal('64px');
    expect(getComputedStyle(el).fontSize).to.equal('30px');
    expect(getComputedStyle(el).lineHeight).to.equal('48px');
    await expect(el).to.be.accessible();
  });

  it('lets high contrast set the colours when combined with elder', async () => {
    const el = await fixture<ThemedProbe>(html`<ck-themed-probe theme="elder high-contrast"></ck-themed-probe>`);
    expect(style(el, '--ck-color-text')).to.equal('#ffffff');
    expect(style(el, '--ck-touch-target')).to.equal('64px');
  });

  it('inherits a theme set on an ancestor, as the plain CSS files do', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="--ck-touch-target: 72px"><ck-themed-probe></ck-themed-probe></div>`);
    expect(style(wrapper.firstElementChild!, '--ck-touch-target')).to.equal('72px');
  });

  it('warns once about an unknown theme name and keeps the inherited theme', async () => {
    const original = console.warn;
    const seen: string[] = [];
    console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
    let el!: ThemedProbe;
    try {
      el = await fixture<ThemedProbe>(html`<ck-themed-probe theme="purple elder"></ck-themed-probe>`);
      el.theme = 42 as unknown as string;
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(el.theme).to.equal(undefined);
    expect(el.hasAttribute('theme')).to.equal(false);
    expect(style(el, '--ck-touch-target')).to.equal('48px');
    expect(seen.filter((w) => w.includes('<ck-themed-probe> theme="purple elder"'))).to.have.length(1);
    expect(seen.filter((w) => w.includes('<ck-themed-probe> theme="42"'))).to.have.length(1);
  });
});
