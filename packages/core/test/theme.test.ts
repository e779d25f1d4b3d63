import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ThemeController } from '../src/controllers/theme.js';
import { registerTokens, themeFiles } from '../src/theme-styles.js';

class ThemeProbe extends LitElement {
  changes: Array<Record<string, string>> = [];
  theme = new ThemeController(this, (tokens) => this.changes.push(tokens));
}
customElements.define('ck-theme-probe', ThemeProbe);

describe('ThemeController', () => {
  before(() => {
    registerTokens();
    const style = document.createElement('style');
    style.textContent = themeFiles()['themes.css']!;
    document.head.append(style);
  });

  it('tells when an ancestor switches to elder or high contrast, with the new token values', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><ck-theme-probe></ck-theme-probe></div>`);
    const el = wrapper.querySelector<ThemeProbe>('ck-theme-probe')!;
    const body = el.theme.read()['--ck-font-size-body'];
    expect(el.changes).to.have.length(0);
    wrapper.setAttribute('data-ck-theme', 'elder');
    await waitUntil(() => el.changes.length === 1, 'no change reported for elder');
    expect(el.changes[0]!['--ck-font-size-body']).not.to.equal(body);
    wrapper.setAttribute('data-ck-theme', 'elder high-contrast');
    await waitUntil(() => el.changes.length === 2, 'no change reported for high contrast');
    expect(el.changes[1]!['--ck-color-text']).not.to.equal(el.changes[0]!['--ck-color-text']);
  });

  it('stays quiet when an attribute changes but no token does', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><ck-theme-probe></ck-theme-probe></div>`);
    const el = wrapper.querySelector<ThemeProbe>('ck-theme-probe')!;
    wrapper.setAttribute('class', 'something');
    await new Promise((resolve) => setTimeout(resolve, 20));
    el.theme.check();
    expect(el.changes).to.have.length(0);
    el.remove();
    wrapper.setAttribute('data-ck-theme', 'elder');
    el.theme.check();
    expect(el.changes).to.have.length(0);
  });
});
