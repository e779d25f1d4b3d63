// What the visual run does inside a story page. These functions are passed to
// Playwright and run in the browser: they may use only what they declare.

/**
 * Installed before Storybook loads: records what the preview reports about
 * the story (rendered, play function passed or threw, axe results of the
 * a11y addon) in `window.__ckVisual`.
 */
export function recordStoryEvents() {
  const state = { phase: 'loading', errors: [], reports: [] };
  window.__ckVisual = state;
  const fail = (kind) => (detail) => {
    const message = typeof detail === 'string' ? detail : (detail?.message ?? JSON.stringify(detail));
    state.errors.push(`${kind}: ${message}`);
  };
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      value.on('storyMissing', fail('story missing'));
      value.on('storyErrored', fail('story errored'));
      value.on('storyThrewException', fail('story threw'));
      value.on('playFunctionThrewException', fail('play function threw'));
      value.on('unhandledErrorsWhilePlaying', (errors) => errors.forEach(fail('unhandled error while playing')));
      value.on('storyFinished', ({ status, reporters }) => {
        state.reports = reporters ?? [];
        state.status = status;
        state.phase = 'finished';
        state.renders = (state.renders ?? 0) + 1;
      });
    },
  });
}

/**
 * Waits until what the story shows stops changing: every Lit element (through
 * shadow roots) has rendered, a map has drawn, fonts are loaded, two frames
 * have passed. Repeated because one update can schedule another.
 */
export async function settle() {
  const deep = (root, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) deep(el.shadowRoot, out);
    }
    return out;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let round = 0; round < 3; round++) {
    const elements = deep(document);
    await Promise.all(elements.map((el) => (el.updateComplete instanceof Promise ? el.updateComplete : null)));
    await Promise.all(elements.map((el) => (el.mapReady instanceof Promise ? el.mapReady.catch(() => {}) : null)));
    await Promise.all(elements.map((el) => (el.taskComplete instanceof Promise ? el.taskComplete.catch(() => {}) : null)));
    await document.fonts.ready;
    await frame();
    await frame();
  }
}

/**
 * The page box of what the story rendered: the union of the story's top
 * elements and of any open modal dialog inside them (drawn in the top layer,
 * outside its host's box), with a few pixels for focus rings and shadows.
 */
export function storyBox() {
  const root = document.querySelector('#storybook-root');
  const wrapper = root?.querySelector('.ck-story') ?? root;
  if (!wrapper) return null;
  const rects = [];
  const add = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects.push(r);
  };
  for (const child of wrapper.children) add(child);
  const dialogs = (node) => {
    for (const el of node.querySelectorAll('*')) {
      if (!el.shadowRoot) continue;
      for (const dialog of el.shadowRoot.querySelectorAll('dialog[open]')) add(dialog);
      dialogs(el.shadowRoot);
    }
  };
  dialogs(wrapper);
  if (!rects.length) return null;
  const pad = wrapper.classList.contains('ck-story--screen') ? 0 : 8;
  const left = Math.max(0, Math.floor(Math.min(...rects.map((r) => r.left))) - pad);
  const top = Math.max(0, Math.floor(Math.min(...rects.map((r) => r.top))) - pad);
  const right = Math.min(document.documentElement.scrollWidth, Math.ceil(Math.max(...rects.map((r) => r.right))) + pad);
  const bottom = Math.min(document.documentElement.scrollHeight, Math.ceil(Math.max(...rects.map((r) => r.bottom))) + pad);
  return { x: left + window.scrollX, y: top + window.scrollY, width: right - left, height: bottom - top };
}

/**
 * Renders the story again from scratch in the same page. The second time
 * every lazily loaded module (map, opening hours, translations) is already
 * there, so what the story draws no longer depends on which download
 * finished first (the finder's map fits itself to the first layout it sees).
 */
export function remount(storyId) {
  window.__ckVisual.phase = 'remounting';
  window.__STORYBOOK_ADDONS_CHANNEL__.emit('forceRemount', { storyId });
}
