import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLocale } from '../localization.js';

export interface SpeakOptions {
  /** BCP 47 language; default: the active locale. */
  lang?: string;
  /** 0.1 to 10; elders understand a slightly slower voice. Default 0.9. */
  rate?: number;
}

/**
 * Reads text aloud with the browser's speechSynthesis. Where the browser has
 * no speech or no voice for the language, `speak` does nothing and returns
 * false, so components can offer speech without checking. Stops speaking
 * when the host leaves the page.
 */
export class SpeechController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
  ) {
    host.addController(this);
  }

  /** Whether a voice exists for the language (default: the active locale). */
  canSpeak(lang: string = getLocale()): boolean {
    return this.#voiceFor(lang) !== undefined;
  }

  /** Speaks `text`, interrupting anything already being said. */
  speak(text: string, options: SpeakOptions = {}): boolean {
    const lang = options.lang ?? getLocale();
    if (!this.synth || !this.canSpeak(lang) || !text.trim()) return false;
    this.synth.cancel();
    // The browser picks its best voice for the language.
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = options.rate ?? 0.9;
    this.synth.speak(utterance);
    return true;
  }

  cancel(): void {
    this.synth?.cancel();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #voiceFor(lang: string): SpeechSynthesisVoice | undefined {
    const voices = this.synth?.getVoices() ?? [];
    const wanted = lang.toLowerCase();
    const primary = wanted.split('-')[0];
    return (
      voices.find((voice) => voice.lang.toLowerCase() === wanted) ??
      voices.find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === primary)
    );
  }
}
