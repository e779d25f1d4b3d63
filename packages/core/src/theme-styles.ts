import { unsafeCSS, type CSSResult } from 'lit';
import { declarations, elder, highContrast, standard } from './tokens.js';

/**
 * Theme rules for a selector per theme. Elder comes before high contrast so
 * that, when both apply, elder sets the sizes and high contrast the colours.
 */
export function themeRules(selector: (theme: 'elder' | 'high-contrast') => string): string {
  return [
    `${selector('elder')} { ${declarations(elder)} }`,
    `${selector('high-contrast')} { ${declarations(highContrast)} }`,
  ].join('\n');
}

/** The plain CSS theme files shipped in `dist/themes/`, keyed by file name. */
export function themeFiles(): Record<string, string> {
  const attribute = (theme: string) => `[data-ck-theme~="${theme}"]`;
  const standardCss = `:root, ${attribute('standard')} { ${declarations(standard)} }`;
  const elderCss = `${attribute('elder')} { ${declarations(elder)} }`;
  const highContrastCss = `${attribute('high-contrast')} { ${declarations(highContrast)} }`;
  return {
    'standard.css': standardCss + '\n',
    'elder.css': elderCss + '\n',
    'high-contrast.css': highContrastCss + '\n',
    'themes.css': [standardCss, elderCss, highContrastCss].join('\n') + '\n',
  };
}

/** Host-level theme switches: `<ck-x theme="elder high-contrast">`. */
export const hostThemeStyles: CSSResult = unsafeCSS(themeRules((theme) => `:host([theme~="${theme}"])`));

let tokensRegistered = false;

/**
 * Registers every token as an inherited custom property whose initial value
 * is the standard theme. Components then work with no theme CSS on the page,
 * while a theme set on any ancestor (or the page's own overrides) still wins.
 */
export function registerTokens(): void {
  if (tokensRegistered) return;
  tokensRegistered = true;
  for (const [name, initialValue] of Object.entries(standard)) {
    try {
      CSS.registerProperty({ name, syntax: '*', inherits: true, initialValue });
    } catch {
      // Already registered by another copy of core on the page: keep theirs.
    }
  }
}
