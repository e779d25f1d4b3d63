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
});
