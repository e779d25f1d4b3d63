import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { contrastRatio } from './color.js';
import { resolveTheme, type StandardToken, type ThemeName } from './tokens.js';

/**
 * The design tokens for designers, in every theme side by side: each colour
 * with its WCAG contrast ratio against the background it is used on, the
 * type scale, and the touch-target size. Ratios are computed from the same
 * token objects the theme CSS is generated from; each theme's samples are
 * drawn with that theme's CSS, so what is shown is what components get.
 */

/** The themes a kiosk can show (elder and high contrast combine). */
const THEME_SETS: { label: string; names: ThemeName[] }[] = [
  { label: 'Standard 标准', names: ['standard'] },
  { label: 'High contrast 高对比度', names: ['high-contrast'] },
  { label: 'Elder 长辈版', names: ['elder'] },
  { label: 'Elder + high contrast 长辈版 + 高对比度', names: ['elder', 'high-contrast'] },
];

/** How a colour is used: text needs 4.5:1 (AA) or 7:1 (AAA); shapes and borders need 3:1. */
type Use = 'text' | 'non-text';
interface Pair {
  token: StandardToken;
  on: StandardToken;
  use: Use;
}

const PAIRS: Pair[] = [
  { token: '--ck-color-text', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-text', on: '--ck-color-surface', use: 'text' },
  { token: '--ck-color-text-muted', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-text-muted', on: '--ck-color-surface', use: 'text' },
  { token: '--ck-color-accent', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-on-accent', on: '--ck-color-accent', use: 'text' },
  { token: '--ck-color-danger', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-on-danger', on: '--ck-color-danger', use: 'text' },
  { token: '--ck-color-success', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-warning', on: '--ck-color-bg', use: 'text' },
  { token: '--ck-color-border', on: '--ck-color-bg', use: 'non-text' },
  { token: '--ck-color-focus', on: '--ck-color-bg', use: 'non-text' },
  { token: '--ck-color-chart-1', on: '--ck-color-bg', use: 'non-text' },
  { token: '--ck-color-chart-2', on: '--ck-color-bg', use: 'non-text' },
  { token: '--ck-color-chart-3', on: '--ck-color-bg', use: 'non-text' },
  { token: '--ck-color-chart-4', on: '--ck-color-bg', use: 'non-text' },
];

/** The WCAG 2.x level a ratio reaches for its use, in words (never colour alone). */
function wcagLevel(ratio: number, use: Use): string {
  if (use === 'non-text') return ratio >= 3 ? 'AA ✓ (≥ 3:1)' : 'Fails ✗ (< 3:1)';
  if (ratio >= 7) return 'AAA ✓';
  if (ratio >= 4.5) return 'AA ✓';
  if (ratio >= 3) return 'AA large text only';
  return 'Fails ✗';
}

const FONT_SIZES: StandardToken[] = ['--ck-font-size-small', '--ck-font-size-body', '--ck-font-size-large', '--ck-font-size-title'];

/** `1.25rem` → `20 px` (16 px root); px values as they are. */
const px = (value: string) => (value.endsWith('rem') ? `${parseFloat(value) * 16} px` : value.replace('px', ' px'));

const cell = 'padding: 6px 10px; text-align: start; border-bottom: 1px solid var(--ck-color-border);';

function themeSection(label: string, names: ThemeName[], body: (tokens: Record<StandardToken, string>) => unknown) {
  const tokens = resolveTheme(...names);
  return html`<section
    data-ck-theme=${names.join(' ')}
    aria-label=${label}
    style="padding: 16px; margin-block-end: 16px; background: var(--ck-color-bg); color: var(--ck-color-text); font-family: var(--ck-font-family); border: 2px solid var(--ck-color-border); border-radius: 12px"
  >
    <h2 style="margin: 0 0 8px; font-size: var(--ck-font-size-large)">${label}</h2>
    ${body(tokens)}
  </section>`;
}

function colourTable(tokens: Record<StandardToken, string>) {
  return html`<table style="border-collapse: collapse; font-size: 16px; line-height: 1.4">
    <thead>
      <tr>
        <th scope="col" style=${cell}>Colour</th>
        <th scope="col" style=${cell}>Sample</th>
        <th scope="col" style=${cell}>On</th>
        <th scope="col" style=${cell}>Contrast</th>
        <th scope="col" style=${cell}>WCAG</th>
      </tr>
    </thead>
    <tbody>
      ${PAIRS.map(({ token, on, use }) => {
        const ratio = contrastRatio(tokens[token], tokens[on]);
        return html`<tr>
          <th scope="row" style="${cell} font-family: monospace; font-weight: normal">${token}<br />${tokens[token]}</th>
          <td style="${cell} background: var(${on})">
            ${use === 'text'
              ? html`<span style="color: var(${token}); font-weight: 700">示例 Sample</span>`
              : html`<span aria-hidden="true" style="display: inline-block; width: 96px; height: 24px; border-radius: 6px; background: var(${token})"></span>`}
          </td>
          <td style="${cell} font-family: monospace">${on}<br />${tokens[on]}</td>
          <td style=${cell}>${ratio.toFixed(2)}:1</td>
          <td style="${cell} font-weight: 700">${wcagLevel(ratio, use)}</td>
        </tr>`;
      })}
      <tr>
        <th scope="row" style="${cell} font-family: monospace; font-weight: normal">--ck-color-band<br />${tokens['--ck-color-band']}</th>
        <td style=${cell}><span aria-hidden="true" style="display: inline-block; width: 96px; height: 24px; background: var(--ck-color-band)"></span></td>
        <td style=${cell} colspan="3">A chart's reference band, behind the lines: decorative, no ratio needed.</td>
      </tr>
    </tbody>
  </table>`;
}

function typeScale(tokens: Record<StandardToken, string>) {
  return html`<table style="border-collapse: collapse; font-size: 16px">
    <thead>
      <tr>
        <th scope="col" style=${cell}>Token</th>
        <th scope="col" style=${cell}>Size</th>
        <th scope="col" style=${cell}>Sample</th>
      </tr>
    </thead>
    <tbody>
      ${FONT_SIZES.map(
        (token) => html`<tr>
          <th scope="row" style="${cell} font-family: monospace; font-weight: normal">${token}</th>
          <td style=${cell}>${tokens[token]} = ${px(tokens[token])}</td>
          <td style="${cell} font-size: var(${token}); line-height: var(--ck-line-height)">便民服务 Aa 123</td>
        </tr>`,
      )}
      <tr>
        <th scope="row" style="${cell} font-family: monospace; font-weight: normal">--ck-line-height</th>
        <td style=${cell}>${tokens['--ck-line-height']}</td>
        <td style=${cell}></td>
      </tr>
    </tbody>
  </table>`;
}

function touchTargets(tokens: Record<StandardToken, string>) {
  const sizes: { label: string; size: string }[] = [
    { label: '--ck-touch-target', size: 'var(--ck-touch-target)' },
    { label: '× 1.25 (map and home buttons)', size: 'calc(var(--ck-touch-target) * 1.25)' },
    { label: '× 1.5 (large buttons)', size: 'calc(var(--ck-touch-target) * 1.5)' },
  ];
  const target = parseFloat(tokens['--ck-touch-target']);
  return html`<p style="margin: 0 0 8px; font-size: 16px">
      Every tappable thing is at least ${px(tokens['--ck-touch-target'])} square (rule: ≥ 48 px, ≥ 64 px in elder mode).
    </p>
    <div style="display: flex; gap: 24px; align-items: end; flex-wrap: wrap; font-size: 16px">
      ${sizes.map(
        ({ label, size }, i) => html`<figure style="margin: 0; display: grid; gap: 4px; justify-items: start">
          <span
            aria-hidden="true"
            style="display: block; width: ${size}; height: ${size}; border-radius: 8px; border: 2px solid var(--ck-color-text); background: var(--ck-color-surface)"
          ></span>
          <figcaption style="font-family: monospace">${label}: ${Math.round(target * [1, 1.25, 1.5][i]!)} px</figcaption>
        </figure>`,
      )}
    </div>`;
}

const meta: Meta = {
  title: 'Core/Design tokens',
  // Every theme is drawn side by side, whatever the toolbar says.
  tags: ['!autodocs'],
};
export default meta;

/** Each colour with its contrast against the background it is used on, per theme. */
export const Colours: StoryObj = {
  render: () => html`<div>${THEME_SETS.map(({ label, names }) => themeSection(label, names, colourTable))}</div>`,
};

/** The four text sizes and the line height, per theme (elder is 1.5 times larger). */
export const TypeScale: StoryObj = {
  render: () =>
    html`<div style="display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px">
      ${THEME_SETS.map(({ label, names }) => themeSection(label, names, typeScale))}
    </div>`,
};

/** The touch-target size and its multiples, per theme. */
export const TouchTargets: StoryObj = {
  render: () =>
    html`<div style="display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px">
      ${THEME_SETS.map(({ label, names }) => themeSection(label, names, touchTargets))}
    </div>`,
};
