// The visitor's high-contrast switch (issue 14, the top bar): its icon, and the theme attribute the
// shell sets from elder mode and high contrast together. Core's themes apply elder first and high
// contrast after it, so with both on elder sets the sizes and high contrast the colours.
import { svg, type SVGTemplateResult } from 'lit';

/** A half-filled circle, the usual sign for contrast; decorative (the switch's words name it). */
export function contrastIcon(): SVGTemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8"><circle cx="12" cy="12" r="8.5"/><path d="M12 3.5a8.5 8.5 0 0 1 0 17Z" fill="currentColor"/></svg>`;
}

/** `data-ck-theme` for the visitor's choices: `standard`, `elder`, `standard high-contrast`, `elder high-contrast`. */
export function themeAttribute(elder: boolean, highContrast: boolean): string {
  return `${elder ? 'elder' : 'standard'}${highContrast ? ' high-contrast' : ''}`;
}
