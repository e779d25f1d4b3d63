import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setLocale } from '@civic-kiosk/core';
import '@civic-kiosk/core/themes/themes.css';
import './preview.css';
import { manifest } from './manifest.js';

setCustomElementsManifest(manifest);

/** Applies the toolbar's locale and theme, the way a kiosk page would. */
const withLocaleAndTheme: Decorator = (story, context) => {
  void setLocale(String(context.globals.locale ?? 'zh-CN'));
  const theme = String(context.globals.theme ?? 'standard');
  // A whole kiosk screen fills the window edge to edge; everything else gets a margin.
  const screen = context.parameters.kioskScreen ? ' ck-story--screen' : '';
  return html`<div class="ck-story${screen}" data-ck-theme=${theme}>${story()}</div>`;
};

const kioskViewports = {
  kioskPortrait: { name: 'Kiosk portrait 1080x1920', styles: { width: '1080px', height: '1920px' }, type: 'tablet' },
  kioskLandscape: { name: 'Kiosk landscape 1920x1080', styles: { width: '1920px', height: '1080px' }, type: 'desktop' },
  phone: { name: 'Phone 390x844', styles: { width: '390px', height: '844px' }, type: 'mobile' },
} as const;

/** The toolbar's language is active before the story first renders, so nothing is laid out twice. */
const localeLoaded = async (context: { globals: Record<string, unknown> }) => {
  await setLocale(String(context.globals.locale ?? 'zh-CN'));
  return {};
};

const preview: Preview = {
  loaders: [localeLoaded],
  decorators: [withLocaleAndTheme],
  globalTypes: {
    locale: {
      description: 'Language',
      toolbar: { title: 'Language', icon: 'globe', dynamicTitle: true, items: [{ value: 'zh-CN', title: '中文' }, { value: 'en', title: 'English' }] },
    },
    theme: {
      description: 'Theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'standard', title: 'Standard' },
          { value: 'high-contrast', title: 'High contrast' },
          { value: 'elder', title: 'Elder (长辈版)' },
          { value: 'elder high-contrast', title: 'Elder + high contrast' },
        ],
      },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'standard' },
  parameters: {
    viewport: { options: kioskViewports },
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};
export default preview;
