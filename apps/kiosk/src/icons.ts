// Line icons drawn as Lit `svg` templates (no innerHTML, no external files), 24-unit grid, stroke = currentColor.
import { svg, type SVGTemplateResult } from 'lit';

const paths = {
  home: svg`<path d="M3 11.5 12 4l9 7.5"/><path d="M5.5 9.5V20h5v-6h3v6h5V9.5"/>`,
  station: svg`<path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21Z"/><circle cx="9.6" cy="8" r="1.2"/><circle cx="14.4" cy="8" r="1.2"/><path d="M8.2 14v-3.6h2.8V14M13 10.4h2.8l-.6 3.6h-1.6Z"/>`,
  deliberation: svg`<path d="M4 5h10v7H8l-4 3Z"/><path d="M14 9h6v7l-3-2.5h-5V12"/>`,
  health: svg`<path d="M12 20s-8-4.8-8-10.5A4.5 4.5 0 0 1 12 7a4.5 4.5 0 0 1 8 2.5C20 15.2 12 20 12 20Z"/><path d="M6 12h3l1.5-2.5 2 5 1.5-2.5h4"/>`,
  library: svg`<path d="M4 5.5C6.5 4.5 9.5 4.5 12 6c2.5-1.5 5.5-1.5 8-.5V19c-2.5-1-5.5-1-8 .5-2.5-1.5-5.5-1.5-8-.5Z"/><path d="M12 6v13.5"/>`,
  phone: svg`<path d="M6.5 3.5h3l1.5 4-2 1.5a11 11 0 0 0 6 6l1.5-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2Z"/>`,
  official: svg`<circle cx="12" cy="8" r="3.5"/><path d="M5 20a7 7 0 0 1 14 0"/><path d="m12 14.5-1 3 1 1.5 1-1.5Z"/>`,
  language: svg`<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.5 2.4 3.5 5.4 3.5 8.5s-1 6.1-3.5 8.5c-2.5-2.4-3.5-5.4-3.5-8.5s1-6.1 3.5-8.5Z"/>`,
  elder: svg`<path d="M4 19 8.5 6h1L14 19M5.6 15h6.8"/><path d="M18 7v8M14 11h8"/>`,
  chevron: svg`<path d="m9 5 7 7-7 7"/>`,
  outOfService: svg`<path d="M12 3.5 2.5 20h19Z"/><path d="M12 10v4.5"/><circle cx="12" cy="17.2" r=".6"/>`,
  retry: svg`<path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3"/><path d="M19.5 4.5v4.2h-4.2"/>`,
  clock: svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7v5l3.5 2"/>`,
  speaker: svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4Z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"/>`,
  hand: svg`<path d="M9 11V5.5a1.5 1.5 0 0 1 3 0V11m0-1.5v-1a1.5 1.5 0 0 1 3 0V12m0-1.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1a6 6 0 0 1-4.8-2.4L3.6 14a1.5 1.5 0 0 1 2.3-1.9L9 15"/>`,
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof paths;

/** A decorative icon: the text next to it carries the meaning. */
export function icon(name: IconName, className = 'icon'): SVGTemplateResult {
  return svg`<svg class=${className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${paths[name]}</svg>`;
}
