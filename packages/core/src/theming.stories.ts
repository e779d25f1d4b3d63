/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { css, html, LitElement, nothing } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '@civic-kiosk/ui/define.js';
import { checkContrast, formatRatio, type ContrastCheck } from './contrast.js';
import { elder, highContrast, resolveTheme, standard, type StandardToken } from './tokens.js';

/**
 * The theming guide (issue 13 item 5): every token and every CSS part,
 * generated from the token objects and the custom-elements manifests (never
 * listed by hand, so they cannot drift), and a live theme editor that shows
 * the WCAG contrast of the chosen colours and warns below AA.
 */

const HOW_TO = `
Every civic-kiosk element takes its look from **design tokens**: CSS custom properties named \`--ck-…\`.
They inherit through shadow roots, and each has a default, so an element looks right with no CSS at all.

**1. A ready theme.** Load the theme CSS once and name the theme on any ancestor (several combine):

\`\`\`html
<link rel="stylesheet" href="node_modules/@civic-kiosk/core/dist/themes/themes.css">
<body data-ck-theme="elder high-contrast"> … </body>
\`\`\`

or on one element only: \`<ck-station-finder theme="elder">\`.

**2. Your own colours and sizes.** Set tokens on any ancestor of the elements (the *Tokens* story lists them all):

\`\`\`css
.city-portal {
  --ck-color-accent: #005a9c;
  --ck-color-on-accent: #ffffff;
  --ck-radius: 4px;
  --ck-font-family: "Source Han Sans SC", system-ui, sans-serif;
}
\`\`\`

Check every foreground/background pair with the *Theme editor* below, or in your tests with
\`checkContrast(tokens)\` from \`@civic-kiosk/core\`: body text needs 4.5:1 (WCAG AA), large text, borders and focus rings 3:1.

**3. One piece of an element.** Each element names the pieces that may be restyled as **CSS parts**
(the *CSS parts* story lists them, from the elements' manifests); nothing else is styling API:

\`\`\`css
ck-station-finder::part(list) { max-block-size: 60vh; }
ck-button::part(button) { text-transform: none; }
\`\`\`

Keep the touch target (\`--ck-touch-target\`, at least 48 px; 64 px in elder mode) and never carry a state by colour alone.
`;

const cell = 'padding: 6px 10px; text-align: start; vertical-align: top; border-bottom: 1px solid var(--ck-color-border);';
const mono = 'font-family: ui-monospace, monospace; font-size: 15px;';

/** A token's group, from its name: what a designer looks for. */
function groupOf(token: string): string {
  if (token.startsWith('--ck-color-chart') || token === '--ck-color-band') return 'Charts 图表';
  if (token.startsWith('--ck-color')) return 'Colours 颜色';
  if (token.startsWith('--ck-font') || token === '--ck-line-height') return 'Type 文字';
  if (token.startsWith('--ck-space')) return 'Spacing 间距';
  return 'Shape and touch 形状与触控';
}

const isColour = (value: string) => /^(#|rgb)/.test(value);

function swatch(value: string) {
  return isColour(value)
    ? html`<span aria-hidden="true" style="display: inline-block; inline-size: 28px; block-size: 20px; vertical-align: middle; margin-inline-end: 6px; border: 1px solid #1a1d21; border-radius: 4px; background: ${value}"></span>`
    : nothing;
}

const valueCell = (value: string | undefined) => html`<td style="${cell} ${mono}">${value === undefined ? html`<span style="color: var(--ck-color-text-muted)">—</span>` : html`${swatch(value)}${value}`}</td>`;

function tokenTable() {
  const tokens = Object.keys(standard) as StandardToken[];
  const groups = [...new Set(tokens.map(groupOf))];
  const overrides = { elder: elder as Partial<Record<StandardToken, string>>, highContrast: highContrast as Partial<Record<StandardToken, string>> };
  return html`<table style="border-collapse: collapse; font-size: 16px; line-height: 1.4" aria-label="Design tokens 设计令牌">
    <caption style="text-align: start; padding-block-end: 8px">
      ${tokens.length} tokens, from <code>tokens.ts</code>. A dash: the theme keeps the standard value.
    </caption>
    <thead>
      <tr>
        <th scope="col" style=${cell}>Token</th>
        <th scope="col" style=${cell}>Standard 标准</th>
        <th scope="col" style=${cell}>High contrast 高对比度</th>
        <th scope="col" style=${cell}>Elder 长辈版</th>
      </tr>
    </thead>
    ${groups.map(
      (group) => html`<tbody>
        <tr>
          <th scope="colgroup" colspan="4" style="${cell} background: var(--ck-color-surface)">${group}</th>
        </tr>
        ${tokens
          .filter((token) => groupOf(token) === group)
          .map(
            (token) => html`<tr>
              <th scope="row" style="${cell} ${mono} font-weight: normal; white-space: nowrap">${token}</th>
              ${valueCell(standard[token])} ${valueCell(overrides.highContrast[token])} ${valueCell(overrides.elder[token])}
            </tr>`,
          )}
      </tbody>`,
    )}
  </table>`;
}

interface ManifestPart {
  name: string;
  description?: string;
}
interface ManifestDeclaration {
  tagName?: string;
  summary?: string;
  cssParts?: ManifestPart[];
  cssProperties?: ManifestPart[];
}
type Manifest = { modules: { declarations?: ManifestDeclaration[] }[] };

/** Every package's custom-elements.json (written by its build), read at Storybook build time. */
const manifests = Object.values(import.meta.glob<Manifest>('../../*/custom-elements.json', { eager: true, import: 'default' }));

/** Every element with a tag, from the manifests, by tag. */
function elementsOf(all: Manifest[] = manifests): ManifestDeclaration[] {
  return all
    .flatMap((m) => m.modules.flatMap((module) => module.declarations ?? []))
    .filter((d) => d.tagName)
    .sort((a, b) => a.tagName!.localeCompare(b.tagName!));
}

/** A manifest description's `code` spans as <code>. */
const withCode = (text: string) => text.split('`').map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece));

function partsTable() {
  const elements = elementsOf();
  const count = elements.reduce((n, e) => n + (e.cssParts?.length ?? 0), 0);
  return html`<table style="border-collapse: collapse; font-size: 16px; line-height: 1.4" aria-label="CSS parts">
    <caption style="text-align: start; padding-block-end: 8px">
      ${count} parts of ${elements.length} elements, from their custom-elements manifests. Style one with
      <code>ck-tag::part(name) { … }</code>.
    </caption>
    <thead>
      <tr>
        <th scope="col" style=${cell}>Element</th>
        <th scope="col" style=${cell}>Part</th>
        <th scope="col" style=${cell}>What it is</th>
      </tr>
    </thead>
    <tbody>
      ${elements.map((element) =>
        element.cssParts?.length
          ? element.cssParts.map(
              (part, i) => html`<tr>
                ${i === 0 ? html`<th scope="rowgroup" rowspan=${element.cssParts!.length} style="${cell} ${mono}">&lt;${element.tagName}&gt;</th>` : nothing}
                <td style="${cell} ${mono}">${part.name}</td>
                <td style=${cell}>${withCode(part.description ?? '')}</td>
              </tr>`,
            )
          : html`<tr>
              <th scope="row" style="${cell} ${mono}">&lt;${element.tagName}&gt;</th>
              <td style=${cell} colspan="2">No parts: style it through the tokens.</td>
            </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The colours the editor offers (every hex colour token the components draw with, charts aside). */
const EDITABLE: { token: StandardToken; label: string }[] = [
  { token: '--ck-color-bg', label: 'Background 背景' },
  { token: '--ck-color-surface', label: 'Surface 卡片底色' },
  { token: '--ck-color-text', label: 'Text 文字' },
  { token: '--ck-color-text-muted', label: 'Secondary text 次要文字' },
  { token: '--ck-color-border', label: 'Border 边框' },
  { token: '--ck-color-accent', label: 'Accent 主色' },
  { token: '--ck-color-on-accent', label: 'Text on accent 主色上的文字' },
  { token: '--ck-color-danger', label: 'Danger 危险' },
  { token: '--ck-color-on-danger', label: 'Text on danger 危险色上的文字' },
  { token: '--ck-color-success', label: 'Success 成功' },
  { token: '--ck-color-warning', label: 'Warning 警告' },
  { token: '--ck-color-focus', label: 'Focus ring 焦点框' },
];

const START_FROM = { standard: 'Standard 标准', 'high-contrast': 'High contrast 高对比度' } as const;
type Start = keyof typeof START_FROM;

const USE_WORDS: Record<ContrastCheck['use'], string> = { text: 'text', 'large-text': 'large text', 'non-text': 'border / shape' };

/**
 * The theme editor: a colour picker per colour token, real elements drawn
 * with the chosen colours, and the contrast of every pair, updated as the
 * colours change, with a warning for each pair below WCAG AA.
 */
class ThemeEditorDemo extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--ck-color-text);
      font-family: var(--ck-font-family);
      font-size: 16px;
      line-height: 1.4;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(260px, 320px) minmax(0, 1fr);
      gap: 24px;
      align-items: start;
    }
    fieldset {
      border: 2px solid var(--ck-color-border);
      border-radius: 12px;
      margin: 0;
      padding: 12px 16px;
      display: grid;
      gap: 8px;
    }
    legend {
      font-weight: 700;
      padding-inline: 4px;
    }
    .picker {
      display: grid;
      grid-template-columns: 48px 1fr;
      align-items: center;
      gap: 10px;
    }
    .picker input {
      inline-size: 48px;
      block-size: 36px;
      padding: 0;
      border: 1px solid #1a1d21;
      border-radius: 6px;
      background: none;
    }
    .picker code {
      display: block;
      font-size: 13px;
      color: var(--ck-color-text-muted);
    }
    select,
    button.reset {
      font: inherit;
      min-block-size: 40px;
    }
    .preview {
      background: var(--ck-color-bg);
      color: var(--ck-color-text);
      border: var(--ck-border-width) solid var(--ck-color-border);
      border-radius: var(--ck-radius);
      padding: var(--ck-space-4);
      display: grid;
      gap: var(--ck-space-3);
      font-size: var(--ck-font-size-body);
      line-height: var(--ck-line-height);
    }
    .preview h3 {
      margin: 0;
      font-size: var(--ck-font-size-large);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--ck-space-3);
      align-items: center;
    }
    .service {
      display: grid;
      grid-template-columns: auto 1fr auto;
      align-items: center;
      gap: var(--ck-space-3);
      padding: var(--ck-space-3) var(--ck-space-4);
      background: var(--ck-color-surface);
      border: var(--ck-border-width) solid var(--ck-color-border);
      border-radius: var(--ck-radius);
      max-inline-size: 560px;
    }
    .service .icon {
      inline-size: 56px;
      block-size: 56px;
      border-radius: 50%;
      display: grid;
      place-items: center;
      background: var(--ck-color-accent);
      color: var(--ck-color-on-accent);
      font-size: 28px;
      font-weight: 700;
    }
    .service .title {
      font-size: var(--ck-font-size-large);
      font-weight: 700;
    }
    .service .desc {
      color: var(--ck-color-text-muted);
    }
    .service .go {
      color: var(--ck-color-accent);
      font-weight: 700;
    }
    .messages p {
      margin: 0;
    }
    ck-keypad {
      max-inline-size: 360px;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    th,
    td {
      padding: 6px 8px;
      text-align: start;
      border-bottom: 1px solid var(--ck-color-border);
      vertical-align: middle;
    }
    td.sample {
      font-weight: 700;
    }
    .fail {
      font-weight: 700;
    }
    .summary {
      font-weight: 700;
      padding: 8px 12px;
      border-radius: 8px;
      border: 2px solid currentColor;
    }
    .warnings {
      margin: 8px 0 0;
      padding-inline-start: 20px;
    }
    pre {
      background: var(--ck-color-surface);
      padding: 12px;
      border-radius: 8px;
      overflow: auto;
      font-size: 14px;
    }
  `;

  // Reactive state without decorators: Storybook's story indexer does not parse them in a story file.
  static override properties = { values: { state: true }, start: { state: true } };
  /** The chosen colours. */
  declare private values: Record<StandardToken, string>;
  declare private start: Start;

  constructor() {
    super();
    this.values = resolveTheme('standard');
    this.start = 'standard';
  }

  /** Sets one colour (also for the story's interaction test). */
  setColour(token: StandardToken, value: string): void {
    this.values = { ...this.values, [token]: value };
  }

  #startFrom(start: Start): void {
    this.start = start;
    this.values = resolveTheme(start);
  }

  /** The tokens that differ from the starting theme, as CSS to copy. */
  #css(): string {
    const base = resolveTheme(this.start);
    const changed = EDITABLE.filter(({ token }) => this.values[token].toLowerCase() !== base[token].toLowerCase());
    const lines = changed.map(({ token }) => `  ${token}: ${this.values[token]};`);
    return `.my-theme {\n${lines.length ? lines.join('\n') : '  /* no change yet: pick a colour */'}\n}`;
  }

  override render() {
    const checks = checkContrast(this.values);
    const failing = checks.filter((c) => !c.passesAA);
    const style = EDITABLE.map(({ token }) => `${token}: ${this.values[token]}`).join('; ');
    return html`<div class="layout">
      <div>
        <fieldset>
          <legend>Colours 颜色</legend>
          <label>
            Start from 基于
            <select @change=${(e: Event) => this.#startFrom((e.target as HTMLSelectElement).value as Start)}>
              ${Object.entries(START_FROM).map(([value, label]) => html`<option value=${value} ?selected=${value === this.start}>${label}</option>`)}
            </select>
          </label>
          ${EDITABLE.map(
            ({ token, label }) => html`<div class="picker">
              <input
                type="color"
                id=${`pick${token}`}
                data-token=${token}
                .value=${this.values[token]}
                @input=${(e: Event) => this.setColour(token, (e.target as HTMLInputElement).value)}
              />
              <label for=${`pick${token}`}>${label}<code>${token} ${this.values[token]}</code></label>
            </div>`,
          )}
        </fieldset>
        <h3>CSS to copy 复制 CSS</h3>
        <pre data-css>${this.#css()}</pre>
      </div>
      <div>
        <section class="preview" style=${style} aria-label="Preview 预览" data-preview>
          <h3>便民服务 Community services</h3>
          <div class="service" data-service-card>
            <span class="icon" aria-hidden="true">厕</span>
            <span>
              <span class="title">找厕所 Find a toilet</span><br />
              <span class="desc">最近的公共厕所与无障碍设施 · Nearest public toilets</span>
            </span>
            <span class="go">开始 Start →</span>
          </div>
          <div class="row">
            <ck-button>借书 Borrow</ck-button>
            <ck-button variant="secondary">续借 Renew</ck-button>
            <ck-button variant="danger">退出 Sign out</ck-button>
          </div>
          <div class="messages">
            <p>正文 Body text: 东桥公园站开放至 22:00。</p>
            <p style="color: var(--ck-color-text-muted)">次要文字 Secondary text: 更新于 10:30</p>
            <p style="color: var(--ck-color-success); font-weight: 700">✓ 成功 Success: 已借 2 本书</p>
            <p style="color: var(--ck-color-warning); font-weight: 700">! 警告 Warning: 明天到期</p>
            <p style="color: var(--ck-color-danger); font-weight: 700">✗ 错误 Error: 卡号不正确</p>
          </div>
          <ck-keypad label="输入卡号 Card number" maxlength="6"></ck-keypad>
        </section>

        <h3>Contrast 对比度 (WCAG 2.x)</h3>
        <p class="summary" role="status" data-summary style="color: ${failing.length ? 'var(--ck-color-danger)' : 'var(--ck-color-success)'}">
          ${failing.length
            ? `⚠ ${failing.length} of ${checks.length} pairs are below WCAG AA 低于 AA 标准`
            : `✓ All ${checks.length} pairs reach WCAG AA 全部达到 AA 标准`}
        </p>
        ${failing.length
          ? html`<ul class="warnings" data-warnings>
              ${failing.map(
                (c) => html`<li>
                  <code>${c.foreground}</code> on <code>${c.background}</code> (${c.where}):
                  ${c.ratio === undefined ? 'not a hex colour' : formatRatio(c.ratio)}, needs ${c.required}:1 for ${USE_WORDS[c.use]}${c.level === 'AA large text only' ? ' (enough for large text only)' : ''}.
                </li>`,
              )}
            </ul>`
          : nothing}
        <table aria-label="Contrast of each pair 每组颜色的对比度">
          <thead>
            <tr>
              <th scope="col">Pair 颜色组</th>
              <th scope="col">Sample 示例</th>
              <th scope="col">Ratio 对比度</th>
              <th scope="col">AA needs</th>
              <th scope="col">Level 等级</th>
            </tr>
          </thead>
          <tbody>
            ${checks.map(
              (c) => html`<tr data-pair=${`${c.foreground} ${c.background}`}>
                <th scope="row" style="font-weight: normal"><code>${c.foreground}</code><br /><code>${c.background}</code></th>
                <td class="sample" style="background: ${c.backgroundColor}; color: ${c.foregroundColor}; ${c.use === 'non-text' ? `box-shadow: inset 0 0 0 4px ${c.foregroundColor}` : ''}">
                  ${c.use === 'non-text' ? html`<span aria-hidden="true">▭▭</span>` : '示例 Aa'}
                </td>
                <td>${c.ratio === undefined ? '—' : formatRatio(c.ratio)}</td>
                <td>${c.required}:1</td>
                <td class=${c.passesAA ? '' : 'fail'}>${c.passesAA ? `✓ ${c.level}` : `⚠ below AA (${c.level})`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }
}
if (!customElements.get('ck-theme-editor-demo')) customElements.define('ck-theme-editor-demo', ThemeEditorDemo);

const meta: Meta = {
  title: 'Core/Theming guide',
  tags: ['autodocs'],
  parameters: {
    docs: { description: { component: HOW_TO } },
    // The tables and the editor's own panel use the standard theme; the preview is what changes.
  },
};
export default meta;

/** Every design token with its value in each theme, generated from `tokens.ts`. */
export const Tokens: StoryObj = {
  render: () => tokenTable(),
};

/** Every CSS part of every element, generated from the custom-elements manifests. */
export const CssParts: StoryObj = {
  name: 'CSS parts',
  render: () => partsTable(),
};

/**
 * Pick colours and see real elements (buttons, keypad, a service card) drawn with them, with the
 * contrast ratio of each foreground/background pair and a warning for every pair below WCAG AA.
 */
export const ThemeEditor: StoryObj = {
  name: 'Theme editor',
  render: () => html`<ck-theme-editor-demo></ck-theme-editor-demo>`,
  play: async ({ canvasElement }) => {
    const editor = canvasElement.querySelector('ck-theme-editor-demo') as ThemeEditorDemo;
    await editor.updateComplete;
    const root = editor.shadowRoot!;
    const summary = () => root.querySelector('[data-summary]')!.textContent.trim();
    await expect(summary()).toMatch(/All 12 pairs reach WCAG AA/);
    // A light grey text: the warning names the pairs and their ratio, and the preview takes the colour.
    const picker = root.querySelector<HTMLInputElement>('input[data-token="--ck-color-text-muted"]')!;
    picker.value = '#a0a0a0';
    picker.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => expect(summary()).toMatch(/2 of 12 pairs are below WCAG AA/));
    await expect(root.querySelector('[data-warnings]')!.textContent).toMatch(/--ck-color-text-muted on --ck-color-bg .*2\.\d\d:1, needs 4.5:1/s);
    await expect(getComputedStyle(root.querySelector('[data-preview]')!).getPropertyValue('--ck-color-text-muted').trim()).toBe('#a0a0a0');
    await expect(root.querySelector('[data-css]')!.textContent).toContain('--ck-color-text-muted: #a0a0a0;');
    // Back to a dark grey: every pair passes again (the picture is taken in this state).
    editor.setColour('--ck-color-text-muted', standard['--ck-color-text-muted']);
    await waitFor(() => expect(summary()).toMatch(/All 12 pairs reach WCAG AA/));
  },
};
