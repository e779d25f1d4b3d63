// What "read aloud" speaks (issue 14 item 4): the visible text of a screen,
// collected through shadow roots in reading order, and the voice to speak it
// in. Kept apart from the element so it can be tested without speech.

const SKIPPED = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'SVG', 'svg', 'NOSCRIPT']);

function hiddenElement(el: Element): boolean {
  if (SKIPPED.has(el.tagName)) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden') || el.hasAttribute('inert')) return true;
  const style = getComputedStyle(el);
  // `display: contents` has no box of its own, but its children are on screen.
  if (style.display === 'contents') return false;
  // A closed dialog, a collapsed panel, an inactive view: not on screen, so not read.
  return style.display === 'none' || style.visibility === 'hidden' || !el.checkVisibility();
}

/** The slot's assigned nodes when it has any, else its fallback content. */
function childrenOf(node: Node): Node[] {
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    return assigned.length > 0 ? assigned : [...node.childNodes];
  }
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  return [...node.childNodes];
}

/** The text a sighted visitor sees under `root`, one line per block, in the composed (flattened) tree's order. */
export function speakableText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text) parts.push(text);
      return;
    }
    if (node instanceof Element && hiddenElement(node)) return;
    for (const child of childrenOf(node)) walk(child);
  };
  walk(root);
  return parts.join('\n');
}

/** The best voice for a locale: an exact language match, else the same language; undefined when none. */
export function voiceFor(locale: string, voices: readonly Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default'>[]): number | undefined {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const score = (lang: string) => {
    const l = lang.toLowerCase().replace('_', '-');
    if (l === wanted) return 2;
    return l.split('-')[0] === language ? 1 : 0;
  };
  let best: number | undefined;
  let bestScore = 0;
  voices.forEach((voice, index) => {
    // Local voices first: a kiosk may be offline, and network voices then fail silently.
    const s = score(voice.lang) * 2 + (voice.localService ? 1 : 0);
    if (score(voice.lang) > 0 && s > bestScore) {
      best = index;
      bestScore = s;
    }
  });
  return best;
}
