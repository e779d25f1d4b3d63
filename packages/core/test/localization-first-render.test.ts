// Runs in its own page: the very first civic-kiosk element on a page renders
// in zh-CN at once, not in English until lit-localize has installed the catalogue.
import { msg } from '@lit/localize';
import { expect, fixture, html } from '@open-wc/testing';
import { KioskElement } from '../src/kiosk-element.js';
import { registerTranslations } from '../src/localization.js';

registerTranslations('zh-CN', { 'first-hello': '第一次就是中文' });

class FirstProbe extends KioskElement {
  renders: string[] = [];
  override render() {
    const text = msg('First time in Chinese', { id: 'first-hello' });
    this.renders.push(text);
    return text;
  }
}
customElements.define('ck-first-probe', FirstProbe);
// On the page before anything else has run: the first element of the page.
const first = document.createElement('ck-first-probe') as FirstProbe;
document.body.append(first);

describe('the first element on a page', () => {
  it('renders in zh-CN the first time', async () => {
    await first.updateComplete;
    expect(first.renders).to.deep.equal(['第一次就是中文']);
    const el = await fixture<FirstProbe>(html`<ck-first-probe></ck-first-probe>`);
    expect(el.renders).to.deep.equal(['第一次就是中文']);
    first.remove();
  });
});
