import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { SpeechController } from '../src/controllers/speech.js';
import { setLocale } from '../src/localization.js';

/** A speechSynthesis stand-in with the given voices that records what it says. */
function fakeSynth(langs: string[]) {
  const spoken: SpeechSynthesisUtterance[] = [];
  let cancels = 0;
  const synth = {
    getVoices: () => langs.map((lang) => ({ lang, name: lang }) as SpeechSynthesisVoice),
    speak: (u: SpeechSynthesisUtterance) => spoken.push(u),
    cancel: () => cancels++,
  } as unknown as SpeechSynthesis;
  return { synth, spoken, cancels: () => cancels };
}

class SpeechProbe extends LitElement {
  speech!: SpeechController;
}
customElements.define('ck-speech-probe', SpeechProbe);

async function probe(synth: SpeechSynthesis | undefined) {
  const el = document.createElement('ck-speech-probe') as SpeechProbe;
  el.speech = new SpeechController(el, synth);
  await fixture(html`<div>${el}</div>`);
  return el;
}

describe('SpeechController', () => {
  afterEach(() => setLocale('zh-CN'));

  it('speaks in the active locale with a matching voice, a little slower', async () => {
    const fake = fakeSynth(['en-US', 'zh_CN']);
    const el = await probe(fake.synth);
    expect(el.speech.speak('最近的驿站')).to.equal(true);
    await setLocale('en');
    expect(el.speech.speak('Nearest station', { rate: 1 })).to.equal(true);
    expect(fake.spoken.map((u) => [u.text, u.lang, Math.round(u.rate * 10) / 10])).to.deep.equal([
      ['最近的驿站', 'zh-CN', 0.9],
      ['Nearest station', 'en', 1],
    ]);
    await expect(el).to.be.accessible();
  });

  it('is a clean no-op where there is no speech or no voice for the language', async () => {
    const none = await probe(undefined);
    expect(none.speech.canSpeak()).to.equal(false);
    expect(none.speech.speak('你好')).to.equal(false);
    expect(() => none.speech.cancel()).not.to.throw();
    const englishOnly = fakeSynth(['en-GB']);
    const el = await probe(englishOnly.synth);
    expect(el.speech.canSpeak('zh-CN')).to.equal(false);
    expect(el.speech.speak('你好')).to.equal(false);
    expect(el.speech.speak('   ', { lang: 'en' })).to.equal(false);
    expect(englishOnly.spoken).to.have.length(0);
  });

  it('stops speaking when its host leaves the page', async () => {
    const fake = fakeSynth(['zh-CN']);
    const el = await probe(fake.synth);
    el.speech.speak('请稍候');
    const before = fake.cancels();
    el.remove();
    expect(fake.cancels()).to.equal(before + 1);
  });
});
