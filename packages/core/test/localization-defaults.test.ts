// Runs in its own page (issue 13 item 4): an embedder who does nothing gets
// zh-CN on a page without `lang` and English on a page with lang="en"; an
// element's own `lang`, a `lang` around it, or setLocale() tell it otherwise.
import { msg } from '@lit/localize';
import { expect, fixture, html } from '@open-wc/testing';
import { KioskElement } from '../src/kiosk-element.js';
import { registerTranslations, setLocale } from '../src/localization.js';

registerTranslations('zh-CN', { 'defaults-hello': '默认中文' });

class DefaultsProbe extends KioskElement {
  override render() {
    return msg('Default English', { id: 'defaults-hello' });
  }
}
customElements.define('ck-defaults-probe', DefaultsProbe);

const text = (el: Element) => el.shadowRoot!.textContent;

describe('the language an embedded element speaks', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('a page without lang: zh-CN', async () => {
    expect(document.documentElement.hasAttribute('lang')).to.equal(false);
    const el = await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
    expect([text(el), el.getAttribute('lang')]).to.deep.equal(['默认中文', 'zh-CN']);
    await expect(el).to.be.accessible();
  });

  it('a page with lang="en" (or en-GB): English', async () => {
    for (const lang of ['en', 'en-GB']) {
      document.documentElement.lang = lang;
      const el = await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
      expect([text(el), el.getAttribute('lang')], lang).to.deep.equal(['Default English', 'en']);
    }
  });

  it('a page language it does not speak: zh-CN, with one warning', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      document.documentElement.lang = 'fr';
      const el = await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
      await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
      expect(text(el)).to.equal('默认中文');
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.includes('"fr"'))).to.have.length(1);
  });

  it('told otherwise on an English page: the element\'s own lang, or a lang around it', async () => {
    document.documentElement.lang = 'en';
    const own = await fixture<DefaultsProbe>(html`<ck-defaults-probe lang="zh-CN"></ck-defaults-probe>`);
    const around = await fixture<HTMLElement>(html`<section lang="zh"><ck-defaults-probe></ck-defaults-probe></section>`);
    expect(text(own)).to.equal('默认中文');
    expect(text(around.querySelector('ck-defaults-probe')!)).to.equal('默认中文');
  });

  // Last: setLocale() is page-wide and stays chosen for the rest of this page.
  it('told otherwise by setLocale(): it wins over <html lang>', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
    expect(text(el)).to.equal('Default English');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(text(el)).to.equal('默认中文');
    document.documentElement.lang = 'en';
    const later = await fixture<DefaultsProbe>(html`<ck-defaults-probe></ck-defaults-probe>`);
    expect(text(later)).to.equal('默认中文');
  });
});
