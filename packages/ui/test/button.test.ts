import { setLocale } from '@civic-kiosk/core';
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { KioskButton } from '../src/button.js';
import { part, useThemeCss } from './helpers.js';

describe('ck-button', () => {
  afterEach(() => setLocale('zh-CN'));

  it('renders a native button with its text, primary by default', async () => {
    const el = await fixture<KioskButton>(html`<ck-button>确定</ck-button>`);
    const button = part<HTMLButtonElement>(el, 'button');
    expect(button.localName).to.equal('button');
    expect(button.type).to.equal('button');
    expect(el.getAttribute('variant')).to.equal('primary');
    expect(el.textContent).to.equal('确定');
    await expect(el).to.be.accessible();
  });

  it('is never smaller than the touch target, and larger in elder mode', async () => {
    const normal = await fixture<KioskButton>(html`<ck-button>好</ck-button>`);
    const rect = part(normal, 'button').getBoundingClientRect();
    expect(rect.height).to.be.at.least(48);
    expect(rect.width).to.be.at.least(48);
    const elder = await fixture<KioskButton>(html`<ck-button theme="elder">好</ck-button>`);
    expect(part(elder, 'button').getBoundingClientRect().height).to.be.at.least(64);
    const large = await fixture<KioskButton>(html`<ck-button size="large">好</ck-button>`);
    expect(part(large, 'button').getBoundingClientRect().height).to.be.at.least(72);
  });

  it('gives each variant its own look from the tokens', async () => {
    const looks = new Set<string>();
    for (const variant of ['primary', 'secondary', 'danger', 'quiet'] as const) {
      const el = await fixture<KioskButton>(html`<ck-button variant=${variant}>按钮</ck-button>`);
      const style = getComputedStyle(part(el, 'button'));
      looks.add(`${style.backgroundColor}|${style.color}|${style.borderColor}`);
      await expect(el).to.be.accessible();
    }
    expect(looks.size).to.equal(4);
  });

  it('keeps its contrast in the high-contrast and elder themes', async () => {
    await useThemeCss();
    for (const theme of ['high-contrast', 'elder', 'elder high-contrast']) {
      const page = await fixture<HTMLElement>(html`<div data-ck-theme=${theme} style="background: var(--ck-color-bg); padding: 8px">
        <ck-button>主要</ck-button><ck-button variant="secondary">次要</ck-button>
        <ck-button variant="danger">删除</ck-button><ck-button variant="quiet">详情</ck-button>
      </div>`);
      const buttons = [...page.querySelectorAll('ck-button')];
      expect(getComputedStyle(buttons[0]!).getPropertyValue('--ck-touch-target').trim()).to.equal(theme.includes('elder') ? '64px' : '48px');
      for (const button of buttons) await expect(button).to.be.accessible();
    }
  });

  it('fires click when pressed', async () => {
    let clicks = 0;
    const el = await fixture<KioskButton>(html`<ck-button @click=${() => clicks++}>好</ck-button>`);
    part(el, 'button').click();
    expect(clicks).to.equal(1);
  });

  it('fires no click while disabled, not even from the host', async () => {
    let clicks = 0;
    const el = await fixture<KioskButton>(html`<ck-button disabled @click=${() => clicks++}>好</ck-button>`);
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
    part(el, 'button').click();
    el.click();
    expect(clicks).to.equal(0);
    el.disabled = false;
    await el.updateComplete;
    el.click();
    expect(clicks).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('delegates focus to the native button', async () => {
    const el = await fixture<KioskButton>(html`<ck-button>好</ck-button>`);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'));
  });

  it('shows a leading icon and takes an accessible name for icon-only use', async () => {
    const el = await fixture<KioskButton>(html`<ck-button label="关闭"><svg slot="icon" viewBox="0 0 1 1"></svg></ck-button>`);
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('关闭');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="icon"]')!;
    expect(slot.assignedElements()).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('follows the page locale on its lang attribute', async () => {
    const el = await fixture<KioskButton>(html`<ck-button>OK</ck-button>`);
    expect(el.lang).to.equal('zh-CN');
    await setLocale('en');
    await el.updateComplete;
    expect(el.lang).to.equal('en');
  });
});
