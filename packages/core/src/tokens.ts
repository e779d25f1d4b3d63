/**
 * Design tokens: the single source of every colour, size and spacing that
 * components use. Themes are sets of overrides; the plain CSS theme files
 * and the element host styles are both generated from these objects.
 */
export type TokenName = `--ck-${string}`;
export type TokenSet = Readonly<Record<TokenName, string>>;

export const THEMES = ['standard', 'high-contrast', 'elder'] as const;
export type ThemeName = (typeof THEMES)[number];

export const standard = {
  '--ck-font-family':
    'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  '--ck-font-size-small': '1rem',
  '--ck-font-size-body': '1.25rem',
  '--ck-font-size-large': '1.5rem',
  '--ck-font-size-title': '2rem',
  '--ck-line-height': '1.5',
  '--ck-touch-target': '48px',
  '--ck-space-1': '4px',
  '--ck-space-2': '8px',
  '--ck-space-3': '16px',
  '--ck-space-4': '24px',
  '--ck-radius': '12px',
  '--ck-border-width': '2px',
  '--ck-focus-width': '3px',
  '--ck-color-bg': '#ffffff',
  '--ck-color-surface': '#f2f4f7',
  '--ck-color-text': '#1a1d21',
  '--ck-color-text-muted': '#47515c',
  '--ck-color-border': '#7b8794',
  '--ck-color-accent': '#0a58a8',
  '--ck-color-on-accent': '#ffffff',
  '--ck-color-danger': '#b3261e',
  '--ck-color-on-danger': '#ffffff',
  '--ck-color-success': '#1d6b33',
  '--ck-color-warning': '#8a4b00',
  '--ck-color-focus': '#b43c00',
  '--ck-color-chart-1': '#0a58a8',
  '--ck-color-chart-2': '#b43c00',
  '--ck-color-chart-3': '#1d6b33',
  '--ck-color-chart-4': '#6b3fa0',
  '--ck-color-band': 'rgba(29, 107, 51, 0.12)',
} as const satisfies TokenSet;

export type StandardToken = keyof typeof standard;
type Overrides = Partial<Record<StandardToken, string>>;

/** WCAG AAA (7:1) for text; every state is also carried by text or shape. */
export const highContrast = {
  '--ck-border-width': '3px',
  '--ck-focus-width': '4px',
  '--ck-color-bg': '#000000',
  '--ck-color-surface': '#000000',
  '--ck-color-text': '#ffffff',
  '--ck-color-text-muted': '#e8e8e8',
  '--ck-color-border': '#ffffff',
  '--ck-color-accent': '#ffe14d',
  '--ck-color-on-accent': '#000000',
  '--ck-color-danger': '#ff9e97',
  '--ck-color-on-danger': '#000000',
  '--ck-color-success': '#8df0a6',
  '--ck-color-warning': '#ffc46b',
  '--ck-color-focus': '#4de8ff',
  '--ck-color-chart-1': '#ffe14d',
  '--ck-color-chart-2': '#4de8ff',
  '--ck-color-chart-3': '#8df0a6',
  '--ck-color-chart-4': '#ff9e97',
  '--ck-color-band': 'rgba(141, 240, 166, 0.22)',
} as const satisfies Overrides;

/** Type 1.5x, 64 px targets, 1.6 line spacing, darker text. */
export const elder = {
  '--ck-font-size-small': '1.5rem',
  '--ck-font-size-body': '1.875rem',
  '--ck-font-size-large': '2.25rem',
  '--ck-font-size-title': '3rem',
  '--ck-line-height': '1.6',
  '--ck-touch-target': '64px',
  '--ck-space-2': '12px',
  '--ck-space-3': '24px',
  '--ck-space-4': '32px',
  '--ck-border-width': '3px',
  '--ck-focus-width': '4px',
  '--ck-color-text': '#000000',
  '--ck-color-text-muted': '#2b3138',
} as const satisfies Overrides;

export const themes: Readonly<Record<ThemeName, Overrides>> = {
  standard: {},
  'high-contrast': highContrast,
  elder,
};

/** The full token set of a theme (or of several, applied left to right). */
export function resolveTheme(...names: ThemeName[]): Record<StandardToken, string> {
  return Object.assign({}, standard, ...names.map((name) => themes[name])) as Record<StandardToken, string>;
}

/** `name: value;` declarations for a set of tokens. */
export function declarations(tokens: Overrides): string {
  return Object.entries(tokens)
    .map(([name, value]) => `${name}: ${value};`)
    .join(' ');
}
