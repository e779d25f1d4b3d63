/**
 * WCAG 2.x contrast checks of a theme: which token colours are drawn on which,
 * and whether each pair reaches level AA. Pure (no DOM): the theme editor in
 * Storybook shows it live, a test of the shipped themes uses it, and an
 * embedder can check their own overrides with it.
 */
import { contrastRatio, parseHex } from './color.js';
import { standard, type StandardToken } from './tokens.js';

/**
 * How a pair is used. `text`: body text (20 px regular at the smallest) needs
 * 4.5:1, or 3:1 if it is only ever large (24 px, or 18.7 px bold); `non-text`:
 * borders, focus rings, chart lines need 3:1 (WCAG 1.4.11).
 */
export type ContrastUse = 'text' | 'large-text' | 'non-text';

/** WCAG 2.x AA minimum ratio per use (1.4.3 and 1.4.11). */
export const AA_MINIMUM: Readonly<Record<ContrastUse, number>> = { text: 4.5, 'large-text': 3, 'non-text': 3 };
/** WCAG 2.x AAA minimum ratio per use (1.4.6); non-text has no AAA level. */
export const AAA_MINIMUM: Readonly<Record<ContrastUse, number | undefined>> = { text: 7, 'large-text': 4.5, 'non-text': undefined };

export interface ContrastPair {
  foreground: StandardToken;
  background: StandardToken;
  use: ContrastUse;
  /** Where the pair is seen, in a few words. */
  where: string;
}

/** Every foreground/background pair the components draw, with its use. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { foreground: '--ck-color-text', background: '--ck-color-bg', use: 'text', where: 'body text' },
  { foreground: '--ck-color-text', background: '--ck-color-surface', use: 'text', where: 'text on cards and panels' },
  { foreground: '--ck-color-text-muted', background: '--ck-color-bg', use: 'text', where: 'secondary text' },
  { foreground: '--ck-color-text-muted', background: '--ck-color-surface', use: 'text', where: 'secondary text on cards' },
  { foreground: '--ck-color-accent', background: '--ck-color-bg', use: 'text', where: 'links, secondary buttons' },
  { foreground: '--ck-color-on-accent', background: '--ck-color-accent', use: 'text', where: 'primary buttons, selected tabs' },
  { foreground: '--ck-color-danger', background: '--ck-color-bg', use: 'text', where: 'error messages' },
  { foreground: '--ck-color-on-danger', background: '--ck-color-danger', use: 'text', where: 'danger buttons' },
  { foreground: '--ck-color-success', background: '--ck-color-bg', use: 'text', where: 'success messages' },
  { foreground: '--ck-color-warning', background: '--ck-color-bg', use: 'text', where: 'warnings' },
  { foreground: '--ck-color-border', background: '--ck-color-bg', use: 'non-text', where: 'field and card borders' },
  { foreground: '--ck-color-focus', background: '--ck-color-bg', use: 'non-text', where: 'focus ring' },
];

export type ContrastLevel = 'AAA' | 'AA' | 'AA large text only' | 'fails';

export interface ContrastCheck extends ContrastPair {
  foregroundColor: string;
  backgroundColor: string;
  /** From 1 to 21; undefined when a colour is not a hex colour (e.g. rgba). */
  ratio: number | undefined;
  /** The AA minimum for this use. */
  required: number;
  passesAA: boolean;
  level: ContrastLevel;
}

/** The level a ratio reaches for a use. WCAG does not round: 4.499:1 is below 4.5:1. */
export function contrastLevel(ratio: number, use: ContrastUse): ContrastLevel {
  const aaa = AAA_MINIMUM[use];
  if (aaa !== undefined && ratio >= aaa) return 'AAA';
  if (ratio >= AA_MINIMUM[use]) return 'AA';
  if (use === 'text' && ratio >= AA_MINIMUM['large-text']) return 'AA large text only';
  return 'fails';
}

/** A ratio as people read it, rounded DOWN so that a failing 4.497 never shows as "4.50:1". */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

function isHex(value: string | undefined): value is string {
  try {
    return value !== undefined && parseHex(value).length === 3;
  } catch {
    return false;
  }
}

/**
 * Checks each pair against a theme (missing tokens come from the standard
 * theme). A pair with a colour that is not hex (`rgba(…)`, `var(…)`) fails
 * with no ratio: it cannot be vouched for.
 */
export function checkContrast(tokens: Partial<Record<StandardToken, string>>, pairs: readonly ContrastPair[] = CONTRAST_PAIRS): ContrastCheck[] {
  const colour = (token: StandardToken) => (tokens[token] ?? standard[token]).trim();
  return pairs.map((pair) => {
    const foregroundColor = colour(pair.foreground);
    const backgroundColor = colour(pair.background);
    const required = AA_MINIMUM[pair.use];
    if (!isHex(foregroundColor) || !isHex(backgroundColor)) {
      return { ...pair, foregroundColor, backgroundColor, ratio: undefined, required, passesAA: false, level: 'fails' };
    }
    const ratio = contrastRatio(foregroundColor, backgroundColor);
    return { ...pair, foregroundColor, backgroundColor, ratio, required, passesAA: ratio >= required, level: contrastLevel(ratio, pair.use) };
  });
}
