// Runs in its own page: setLocale() is never called here, so <html lang> counts.
import { msg } from '@lit/localize';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { KioskElement } from '../src/kiosk-element.js';
import { pageLocale, registerTranslations } from '../src/localization.js';

class LangProbe extends KioskElement {
  override render() {
    return msg('Hello from the probe', { id: 'probe-hello' });
  }
}
customElements.define('ck-lang-probe', LangProbe);

describe('<html lang> before any setLocale()', () => {
  after(() => document.documentElement.removeAttribute('lang'));

  it('follows the page language and its changes (an embedder that never calls setLocale)', async () => {
    registerTranslations('zh-CN', { 'probe-hello': '探针你好' });
    document.documentElement.lang = 'en';
    const el = await fixture<LangProbe>(html`<ck-lang-probe></ck-lang-probe>`);
    expect([pageLocale(), el.shadowRoot!.textContent]).to.deep.equal(['en', 'Hello from the probe']);
    document.documentElement.lang = 'zh-Hans';
    await waitUntil(() => el.shadowRoot!.textContent === '探针你好', 'did not follow <html lang>');
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    document.documentElement.removeAttribute('lang');
    expect(pageLocale()).to.equal('zh-CN');
  });
});
