// A page that uses @lit/localize itself and configured it before civic-kiosk
// loaded. This file runs in its own page, so the configuration below is the first.
import { configureLocalization, msg } from '@lit/localize';
import { expect, fixture, html } from '@open-wc/testing';

const page = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['zh-CN'],
  loadLocale: async () => {
    const { kioskTemplates } = await import('../src/localization.js');
    return { templates: { ...kioskTemplates('zh-CN'), 'page-title': '我的页面' } };
  },
});

describe('a page with its own @lit/localize', () => {
  it('loads civic-kiosk without a second configureLocalization throwing, and follows the page locale', async () => {
    const { KioskElement } = await import('../src/kiosk-element.js');
    const { getLocale, registerTranslations } = await import('../src/localization.js');
    registerTranslations('zh-CN', { 'probe-hello': '探针你好' });
    class PageProbe extends KioskElement {
      override render() {
        return `${msg('Hello from the probe', { id: 'probe-hello' })} / ${msg('My page', { id: 'page-title' })}`;
      }
    }
    customElements.define('ck-page-probe', PageProbe);
    const el = await fixture<InstanceType<typeof PageProbe>>(html`<ck-page-probe></ck-page-probe>`);
    expect(el.shadowRoot!.textContent).to.equal('Hello from the probe / My page');
    await page.setLocale('zh-CN');
    await el.updateComplete;
    expect(getLocale()).to.equal('zh-CN');
    expect(el.shadowRoot!.textContent).to.equal('探针你好 / 我的页面');
  });
});
