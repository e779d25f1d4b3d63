// Issue 14 items 3 and 4: the attract screen of an unused kiosk, and "read aloud".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, launch, pageText, SITE, waitForApp } from './helpers.mjs';

/** A recording stand-in for the browser's speech: Debian's headless Chromium has no voices at all. */
function fakeSpeech() {
  const spoken = [];
  const voices = [
    { name: 'Ting-Ting', lang: 'zh-CN', localService: true, default: true, voiceURI: 'zh' },
    { name: 'Daniel', lang: 'en-GB', localService: true, default: false, voiceURI: 'en' },
  ];
  class Utterance {
    constructor(text) {
      this.text = text;
    }
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: Object.assign(new EventTarget(), {
      getVoices: () => voices,
      speak: (u) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice.name }),
      cancel: () => {},
    }),
  });
  window.__spoken = spoken;
}

const appRoot = (page) => page.locator('ck-kiosk-app');

describe('attract screen and read aloud', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('an untouched home screen gives way to the attract screen; a touch there wakes the kiosk without opening a service', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.goto(`${BASE}/?attract=3`);
    await waitForApp(page, 'ready', 'attract', 15_000);
    const text = await pageText(page);
    for (const expected of [SITE.zh, SITE.en, SITE.official, SITE.phone, '轻触屏幕开始', '找附近驿站']) assert.ok(text.includes(expected), `the attract screen shows ${expected}`);
    await expectAccessible(page, 'attract screen');
    // The tap lands where the station tile will be: it must only wake the kiosk.
    await page.locator('ck-attract button').tap({ position: { x: 540, y: 1100 } });
    await waitForApp(page, 'ready', 'home');
    await page.waitForTimeout(500);
    assert.equal(await appRoot(page).getAttribute('data-view'), 'home', 'no service opened by the waking touch');
    // A visitor who keeps using the kiosk never sees it come back.
    await page.locator('ck-home .tile[data-service="stations"]').tap();
    await waitForApp(page, 'ready', 'stations');
    await page.waitForTimeout(4000);
    assert.equal(await appRoot(page).getAttribute('data-view'), 'stations');
    assertNoViolations(watch);
    await watch.context.close();
  });

  it('says once when the kiosk has no voice for the language, and stops offering read aloud', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.goto(`${BASE}/`);
    await waitForApp(page, 'ready', 'home');
    const hasVoice = await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('zh')));
    assert.equal(hasVoice, false, 'this test machine has no Chinese voice (the path under test)');
    await page.locator('ck-kiosk-app [data-read-aloud]').tap();
    await page.locator('ck-kiosk-app .read-aloud-note').waitFor();
    assert.match(await page.locator('ck-kiosk-app .read-aloud-note').innerText(), /没有这种语言的语音/);
    assert.equal(await page.locator('ck-kiosk-app [data-read-aloud]').count(), 0, 'not offered again');
    await expectAccessible(page, 'no voice note');
    assertNoViolations(watch);
    await watch.context.close();
  });

  it('reads the screen in the active language with a voice of that language', async () => {
    const watch = await kioskPage(browser);
    const { page } = watch;
    await page.addInitScript(fakeSpeech);
    await page.goto(`${BASE}/`);
    await waitForApp(page, 'ready', 'home');
    await page.locator('ck-kiosk-app [data-read-aloud]').tap();
    await page.waitForFunction(() => window.__spoken.length === 1);
    let [said] = await page.evaluate(() => window.__spoken);
    assert.equal(said.voice, 'Ting-Ting');
    assert.equal(said.lang, 'zh-CN');
    assert.ok(said.text.includes(SITE.zh) && said.text.includes(SITE.official), 'the home screen is read: site and official');
    assert.ok(!said.text.includes('Still there?') && !said.text.includes('还在吗'), 'the closed idle dialog is not read');
    assert.equal(await page.locator('ck-kiosk-app [data-read-aloud]').getAttribute('aria-pressed'), 'true');
    await page.locator('ck-kiosk-app [data-read-aloud]').tap();
    assert.equal(await page.locator('ck-kiosk-app [data-read-aloud]').getAttribute('aria-pressed'), 'false', 'a second tap stops');

    await page.locator('ck-kiosk-app button[data-locale="en"]').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('ck-kiosk-app [data-read-aloud]').tap();
    await page.waitForFunction(() => window.__spoken.length === 2);
    said = (await page.evaluate(() => window.__spoken))[1];
    assert.equal(said.voice, 'Daniel');
    assert.ok(said.text.includes(SITE.en), 'English screen, English text');
    assertNoViolations(watch);
    await watch.context.close();
  });
});
