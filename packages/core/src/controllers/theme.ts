import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** The tokens whatever is drawn outside CSS (a canvas, a map) depends on. */
export const DRAWN_TOKENS = [
  '--ck-font-family',
  '--ck-font-size-small',
  '--ck-font-size-body',
  '--ck-font-size-large',
  '--ck-touch-target',
  '--ck-color-bg',
  '--ck-color-surface',
  '--ck-color-text',
  '--ck-color-text-muted',
  '--ck-color-border',
  '--ck-color-accent',
  '--ck-color-on-accent',
  '--ck-color-danger',
  '--ck-color-success',
  '--ck-color-focus',
  '--ck-color-chart-1',
  '--ck-color-chart-2',
  '--ck-color-chart-3',
  '--ck-color-chart-4',
  '--ck-color-band',
] as const;

const watchers = new Set<ThemeController>();
let observer: MutationObserver | undefined;
const queries = ['(prefers-contrast: more)', '(forced-colors: active)', '(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)'];

function checkAll(): void {
  for (const watcher of watchers) watcher.check();
}

/** One observer for the whole page, started with the first watcher. */
function startWatching(): void {
  if (observer) return;
  // Themes are switched by attributes anywhere above an element (`data-ck-theme`
  // on <html> or an app's host, `theme` on an element, a class or inline style).
  observer = new MutationObserver(checkAll);
  observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-ck-theme', 'theme', 'class', 'style'] });
  for (const query of queries) matchMedia(query).addEventListener('change', checkAll);
}

/**
 * Tells a component when the design tokens it draws with have changed (a
 * theme switched to elder or high contrast on an ancestor or on the host, a
 * system contrast setting), so what is drawn outside CSS (a chart.js canvas,
 * a Leaflet map's labels and pins) is drawn again. Reads the tokens from
 * computed style and calls `onChange` only when a value really differs.
 *
 * It sees attributes in the page's light DOM and on the host; a theme
 * switched inside another element's shadow root is seen when the host
 * re-renders (`check()` runs after each update) or when you call `check()`.
 */
export class ThemeController implements ReactiveController {
  #snapshot = '';

  constructor(
    private readonly host: Host,
    private readonly onChange: (tokens: Record<string, string>) => void,
    private readonly tokens: readonly string[] = DRAWN_TOKENS,
  ) {
    host.addController(this);
  }

  /** The current values of the watched tokens. */
  read(): Record<string, string> {
    const style = getComputedStyle(this.host);
    return Object.fromEntries(this.tokens.map((name) => [name, style.getPropertyValue(name).trim()]));
  }

  /** Compares the tokens with the last reading; calls `onChange` when they differ. */
  check(): void {
    if (!this.host.isConnected) return;
    const tokens = this.read();
    const snapshot = JSON.stringify(tokens);
    if (snapshot === this.#snapshot) return;
    const first = this.#snapshot === '';
    this.#snapshot = snapshot;
    if (!first) this.onChange(tokens);
  }

  hostConnected(): void {
    startWatching();
    watchers.add(this);
    this.#snapshot = '';
  }

  hostUpdated(): void {
    this.check();
  }

  hostDisconnected(): void {
    watchers.delete(this);
  }
}
