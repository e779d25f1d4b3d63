import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { standard } from './tokens.js';

/**
 * Every design token with its value under the theme chosen in the toolbar.
 * Values are read from the page, so this shows what components really get.
 */
function tokenTable(filter: (name: string) => boolean) {
  const names = Object.keys(standard).filter(filter);
  return html`<table style="border-collapse: collapse; font-size: var(--ck-font-size-body)">
    <caption style="text-align: start; font-size: var(--ck-font-size-large)">Design tokens</caption>
    <thead><tr><th scope="col">Token</th><th scope="col">Sample</th></tr></thead>
    <tbody>
      ${names.map(
        (name) => html`<tr>
          <th scope="row" style="text-align: start; padding: 8px; font-family: monospace">${name}</th>
          <td style="padding: 8px">${name.startsWith('--ck-color')
            ? html`<span style="display:inline-block; width:96px; height:40px; border:2px solid var(--ck-color-border); background: var(${name})"></span>`
            : html`<span style="display:inline-block; background: var(--ck-color-surface); min-height: var(--ck-touch-target); padding: 0 8px; font-size: ${name.startsWith('--ck-font-size') ? `var(${name})` : 'inherit'}; width: ${name === '--ck-touch-target' ? `var(${name})` : 'auto'}">Aa 字</span>`}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

const meta: Meta = { title: 'Core/Design tokens', tags: ['!autodocs'] };
export default meta;

export const Colours: StoryObj = { render: () => tokenTable((name) => name.startsWith('--ck-color')) };
export const TypeAndSpace: StoryObj = { render: () => tokenTable((name) => !name.startsWith('--ck-color')) };
