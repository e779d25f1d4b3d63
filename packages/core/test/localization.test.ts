import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { msg } from '@lit/localize';
import { KioskElement } from '../src/kiosk-element.js';
import { getLocale, inLocale, kioskTemplates, registerTranslations, resolveLocale, setLocale } from '../src/localization.js';

class LocalizedProbe extends KioskElement {
  override render() {
    return msg('Hello from the probe', { id: 'probe-hello' });
  }
}
customElements.define('ck-localized-probe', LocalizedProbe);

function captureWarnings(run: () => void): string[] {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...args: unknown[]) => seen.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('localization', () => {
  afterEach(() => setLocale('zh-CN'));

  it('starts in zh-CN', () => {
    expect(getLocale()).to.equal('zh-CN');
  });

  it('maps language tags to the supported locales', () => {
    expect(resolveLocale('zh')).to.equal('zh-CN');
    expect(resolveLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(resolveLocale('EN-gb')).to.equal('en');
    expect(resolveLocale('en')).to.equal('en');
  });

  it('falls back to zh-CN for an unknown locale with exactly one warning', () => {
    const warnings = captureWarnings(() => {
      expect(resolveLocale('klingon')).to.equal('zh-CN');
      expect(resolveLocale('klingon')).to.equal('zh-CN');
      expect(resolveLocale(undefined)).to.equal('zh-CN');
    });
    expect(warnings.filter((w) => w.includes('klingon'))).to.have.length(1);
  });

  it('switches every element on the page with one call, and back', async () => {
    registerTranslations('zh-CN', { 'probe-hello': '探针你好' });
    const a = await fixture<LocalizedProbe>(html`<ck-localized-probe></ck-localized-probe>`);
    const b = await fixture<LocalizedProbe>(html`<ck-localized-probe></ck-localized-probe>`);
    expect(a.shadowRoot!.textContent).to.equal('探针你好');
    expect(a.getAttribute('lang')).to.equal('zh-CN');

    expect(await setLocale('en-US')).to.equal('en');
    await Promise.all([a.updateComplete, b.updateComplete]);
    expect([a, b].map((el) => el.shadowRoot!.textContent)).to.deep.equal(['Hello from the probe', 'Hello from the probe']);
    expect(b.getAttribute('lang')).to.equal('en');
    await expect(a).to.be.accessible();
  });

  it('re-renders when translations arrive after their locale is active', async () => {
    const el = await fixture<LocalizedProbe>(html`<ck-localized-probe></ck-localized-probe>`);
    registerTranslations('zh-CN', { 'probe-hello': '新的译文' });
    await nextFrame();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('新的译文');
  });

  it('ignores translations for a locale it does not serve', () => {
    expect(() => registerTranslations('en', { x: 'y' })).not.to.throw();
    expect(getLocale()).to.equal('zh-CN');
  });

  it('follows the nearest ancestor lang, through shadow roots, over the page-wide locale', async () => {
    registerTranslations('zh-CN', { 'probe-hello': '探针你好' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-GB"><ck-localized-probe></ck-localized-probe></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('ck-localized-probe')!;
    expect([el.locale, el.shadowRoot!.textContent, el.getAttribute('lang')]).to.deep.equal(['en', 'Hello from the probe', 'en']);
    // A civic-kiosk element inside another one's shadow root speaks its host's language.
    const inner = document.createElement('ck-localized-probe') as LocalizedProbe;
    el.shadowRoot!.append(inner);
    await inner.updateComplete;
    expect(inner.locale).to.equal('en');
    wrapper.setAttribute('lang', 'zh');
    el.requestUpdate();
    await el.updateComplete;
    expect([el.locale, el.shadowRoot!.textContent?.startsWith('探针你好')]).to.deep.equal(['zh-CN', true]);
  });

  it('keeps a lang the embedder put on the element itself, whatever the page-wide locale', async () => {
    const el = await fixture<LocalizedProbe>(html`<ck-localized-probe lang="en"></ck-localized-probe>`);
    expect(el.shadowRoot!.textContent).to.equal('Hello from the probe');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect([el.getAttribute('lang'), el.shadowRoot!.textContent]).to.deep.equal(['en', 'Hello from the probe']);
    el.removeAttribute('lang');
    el.requestUpdate();
    await el.updateComplete;
    expect([el.getAttribute('lang'), el.shadowRoot!.textContent]).to.deep.equal(['zh-CN', '探针你好']);
  });

  it('makes text in a given locale outside render, and gives its catalogue to a page with its own lit-localize', () => {
    registerTranslations('zh-CN', { 'probe-hello': '探针你好' });
    expect(inLocale('en', () => [getLocale(), msg('Hello from the probe', { id: 'probe-hello' })])).to.deep.equal(['en', 'Hello from the probe']);
    expect(getLocale()).to.equal('zh-CN');
    expect(kioskTemplates('zh')['probe-hello']).to.equal('探针你好');
    expect(kioskTemplates('en')).to.deep.equal({});
  });

  it('shares one registry with a second copy of core on the page, without configuring lit-localize twice', async () => {
    const el = await fixture<LocalizedProbe>(html`<ck-localized-probe></ck-localized-probe>`);
    // The same module under another URL is a second module instance, as in a second bundle.
    const copy = (await import(`../src/localization.ts?copy=${Date.now()}`)) as typeof import('../src/localization.js');
    expect(() => copy.ensureLocalization()).not.to.throw();
    copy.registerTranslations('zh-CN', { 'probe-hello': '第二份译文' });
    await copy.setLocale('en');
    await el.updateComplete;
    expect([getLocale(), el.shadowRoot!.textContent]).to.deep.equal(['en', 'Hello from the probe']);
    await setLocale('zh-CN');
    await el.updateComplete;
    expect([copy.getLocale(), el.shadowRoot!.textContent]).to.deep.equal(['zh-CN', '第二份译文']);
  });
});
