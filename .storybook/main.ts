import type { StorybookConfig } from '@storybook/web-components-vite';
import { lowerDecorators } from '../scripts/vite-lower-decorators.mjs';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/*/src/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  viteFinal(config) {
    config.plugins = [lowerDecorators(), ...(config.plugins ?? [])];
    return config;
  },
};
export default config;
