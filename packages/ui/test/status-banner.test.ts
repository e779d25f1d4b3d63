import { setLocale } from '@civic-kiosk/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/define.js';
import { RETRY_EVENT, type BannerState, type KioskStatusBanner } from '../src/status-banner.js';
import { part, text, useThemeCss } from './helpers.js';

const banner = (state: BannerState, reason = '') =>
  fixture<KioskStatusBanner>(html`<ck-status-banner state=${state} reason=${reason}></ck-status-banner>`);

const live = (el: KioskStatusBanner) => el.shadowRoot!.querySelector('[role]')!;

describe('ck-status-banner', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await setLocale('zh-CN');
  });

  const expected: [BannerState, string, string][] = [
    ['loading', 'status', '加载中…'],
    ['offline', 'alert', '网络已断开，正在显示上次保存的信息。'],
    ['error', 'alert', '出现问题，请重试。'],
    ['info', 'status', '提示'],
    ['success', 'status', '已完成。'],
  ];
  for (const [state, role, words] of expected) {
    it(`says "${words}" as a ${role} when ${state}, with an icon as well as colour`, async () => {
      const el = await banner(state);
      expect(live(el).getAttribute('role')).to.equal(role);
      expect(text(part(el, 'message'))).to.equal(words);
      const icon = part(el, 'icon');
      expect(icon.getAttribute('aria-hidden') === 'true' || icon.querySelector('svg[aria-hidden="true"]') !== null).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps its contrast in the high-contrast theme', async () => {
    await useThemeCss();
    for (const state of ['loading', 'offline', 'error', 'info', 'success'] as const) {
      const page = await fixture<HTMLElement>(html`<div data-ck-theme="high-contrast" style="background: var(--ck-color-bg)">
        <ck-status-banner state=${state} retryable></ck-status-banner>
      </div>`);
      const el = page.querySelector('ck-status-banner')!;
      expect(getComputedStyle(el).getPropertyValue('--ck-color-text').trim()).to.equal('#ffffff');
      await expect(el).to.be.accessible();
    }
  });

  it('gives each state a different icon', async () => {
    const shapes = new Set<string>();
    for (const state of ['offline', 'error', 'info', 'success'] as const) {
      shapes.add(part(await banner(state), 'icon').innerHTML.replace(/<!--.*?-->/g, ''));
    }
    expect(shapes.size).to.equal(4);
  });

  it('shows the exact reason it is given, announced with the kind of problem', async () => {
    const el = await banner('error', '密码错误次数过多，账户已锁定 15 分钟。');
    expect(text(part(el, 'message'))).to.equal('错误：密码错误次数过多，账户已锁定 15 分钟。');
    expect(text(part(el, 'message').querySelector('.visually-hidden'))).to.equal('错误：');
    for (const [state, prefix] of [['offline', '网络已断开：'], ['success', '已完成：'], ['info', '']] as const) {
      expect(text(part(await banner(state, '原因'), 'message'))).to.equal(`${prefix}原因`);
    }
  });

  it('spins while loading, and holds still under reduced motion', async () => {
    const el = await banner('loading');
    expect(getComputedStyle(part(el, 'icon')).animationName).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(part(el, 'icon')).animationName).to.equal('none');
  });

  it('offers "Try again" only when retryable, and fires ck-retry', async () => {
    const plain = await banner('error');
    expect(plain.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
    const el = await fixture<KioskStatusBanner>(html`<ck-status-banner state="offline" retryable></ck-status-banner>`);
    const retry = part<HTMLButtonElement>(el, 'retry');
    expect(text(retry)).to.equal('重试');
    expect(retry.getBoundingClientRect().height).to.be.at.least(48);
    expect(live(el).contains(retry), 'not read out with the alert').to.equal(false);
    const fired = oneEvent(el, RETRY_EVENT);
    retry.click();
    const event = await fired;
    expect(event.bubbles && event.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('speaks English after a locale switch', async () => {
    const el = await banner('offline');
    await setLocale('en');
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.equal('Offline — showing the last saved information.');
    el.state = 'loading';
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.equal('Loading…');
  });
});
