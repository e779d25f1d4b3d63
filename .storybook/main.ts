import type { StorybookConfig } from '@storybook/web-components-vite';
import { lowerDecorators } from '../scripts/vite-lower-decorators.mjs';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Components, and whole kiosk screens composed from the real app.
  stories: ['../packages/*/src/**/*.stories.ts', '../apps/kiosk/src/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  viteFinal(config) {
    config.plugins = [lowerDecorators(), ...(config.plugins ?? [])];
    // The kiosk app's build sets its version (apps/kiosk/vite.config.ts); its heartbeat reads it.
    config.define = { ...config.define, __KIOSK_VERSION__: JSON.stringify('storybook') };
    return config;
  },
};
export default config;
