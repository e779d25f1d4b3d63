import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/**
 * Line icons drawn with lit's `svg` template, so they pass a strict CSP and
 * Trusted Types (no innerHTML). They are decorative: the text next to each
 * icon carries the meaning, the shape only adds a cue that is not colour.
 */
const shapes = {
  close: svg`<path d="M6 6l12 12M18 6L6 18"/>`,
  backspace: svg`<path d="M21 5H8l-6 7 6 7h13z"/><path d="M11 9l6 6M17 9l-6 6"/>`,
  check: svg`<path d="M4 12l5 5L20 6"/>`,
  info: svg`<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>`,
  error: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5v.5"/>`,
  offline: svg`<path d="M2 9a15 15 0 0 1 6-3.5M22 9a15 15 0 0 0-11-4M5.5 12.5a10 10 0 0 1 3.5-2M18.5 12.5a10 10 0 0 0-4-2.4M9 16a4 4 0 0 1 6 0M12 19.5v.5M3 3l18 18"/>`,
  table: svg`<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M3 9h18M3 14.5h18M9 4v16"/>`,
  chart: svg`<path d="M3 3v18h18"/><path d="M6 16l4-5 4 3 6-7"/>`,
  empty: svg`<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M7 15h10"/>`,
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof shapes;

export function icon(name: IconName): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shapes[name]}</svg>`;
}
